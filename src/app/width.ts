// An element's size for drawing at its real size, told by a ResizeObserver after the browser has
// laid the page out. `bind:clientWidth` also reads the width when the element is created, which
// forces a layout in the middle of building the page: a dozen loss bars or charts appearing at once
// would each force one.

import type { Attachment } from 'svelte/attachments';

const watched = new WeakMap<Element, (element: Element) => void>();
let observer: ResizeObserver | undefined;

function watch(tell: (element: Element) => void): Attachment<HTMLElement> {
  return (element) => {
    observer ??= new ResizeObserver((entries) => {
      // Layout is up to date while the observer reports, so reading the size here costs nothing.
      for (const e of entries) watched.get(e.target)?.(e.target);
    });
    watched.set(element, tell);
    observer.observe(element);
    return () => {
      observer?.unobserve(element);
      watched.delete(element);
    };
  };
}

/** Attach to an element to have `set` called with its clientWidth now and whenever it changes. */
export function widthOf(set: (width: number) => void): Attachment<HTMLElement> {
  return watch((e) => set(e.clientWidth));
}

/** The same with the height too (clientWidth, clientHeight). */
export function sizeOf(set: (width: number, height: number) => void): Attachment<HTMLElement> {
  return watch((e) => set(e.clientWidth, e.clientHeight));
}
