// An element's width for drawing at its real size, told by a ResizeObserver after the browser has
// laid the page out. `bind:clientWidth` also reads the width when the element is created, which
// forces a layout in the middle of building the page: a dozen loss bars or charts appearing at once
// would each force one.

import type { Attachment } from 'svelte/attachments';

const watched = new WeakMap<Element, (width: number) => void>();
let observer: ResizeObserver | undefined;

/** Attach to an element to have `set` called with its clientWidth now and whenever it changes. */
export function widthOf(set: (width: number) => void): Attachment<HTMLElement> {
  return (element) => {
    observer ??= new ResizeObserver((entries) => {
      // Layout is up to date while the observer reports, so reading clientWidth here costs nothing.
      for (const e of entries) watched.get(e.target)?.(e.target.clientWidth);
    });
    watched.set(element, set);
    observer.observe(element);
    return () => {
      observer?.unobserve(element);
      watched.delete(element);
    };
  };
}
