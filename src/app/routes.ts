// The page's addresses: one typed route per state the page can be in, one parser from the URL's
// hash and one function back. Every link made so far still opens (a story was once addressed as
// `#/scenario/recovery/<id>`); the lesson, presenter, embed and planner modes have their addresses
// reserved so links to them can be made and recognised before the modes exist.

import { FILE_ROUTE } from './share';
import { m } from '../paraglide/messages';

/** The modes still to come, whose addresses are reserved. */
export type ReservedMode = 'learn' | 'present' | 'embed' | 'plan';

export type Route =
  /** The scenario gallery (no hash, `#` or `#/`). */
  | { kind: 'gallery' }
  /** A scenario's example file, running live. */
  | { kind: 'scenario'; id: string }
  /** A recovery story: a scenario's example with a drill, a disaster, a failover and the way back. */
  | { kind: 'story'; id: string }
  /** A scenario file carried in the link (see share.ts). */
  | { kind: 'file'; payload: string }
  /** A mode that is not built yet: its path after the mode's name and, for the embed, its parameters. */
  | { kind: 'reserved'; mode: ReservedMode; path: readonly string[]; params: Readonly<Record<string, string>> }
  /** Anything else: the hash as it was, and why it is not an address of the page. */
  | { kind: 'unknown'; hash: string; reason: string };

const ID = /^[a-z0-9][a-z0-9-]*$/;
const RESERVED: readonly ReservedMode[] = ['learn', 'present', 'embed', 'plan'];

/** The route a URL hash stands for (the hash with or without its leading `#`). */
export function parseRoute(rawHash: string): Route {
  const hash = rawHash.startsWith('#') ? rawHash : `#${rawHash}`;
  if (hash === '#' || hash === '#/') return { kind: 'gallery' };
  if (hash.startsWith(FILE_ROUTE)) {
    const payload = hash.slice(FILE_ROUTE.length);
    return payload ? { kind: 'file', payload } : { kind: 'unknown', hash, reason: m.route_reason_no_file() };
  }
  if (!hash.startsWith('#/')) return { kind: 'unknown', hash, reason: m.route_reason_hash() };
  const [pathPart = '', query] = splitOnce(hash.slice(2), '?');
  const parts = pathPart.split('/').filter((p) => p !== '').map(safeDecode);
  const [head, ...rest] = parts;
  if (head === 'scenario' || head === 'story') {
    // The old form of a story's link: #/scenario/recovery/<id>.
    const story = head === 'story' || (rest.length === 2 && rest[0] === 'recovery');
    const id = head === 'scenario' && story ? rest[1] : rest.length === 1 ? rest[0] : undefined;
    if (rest.length === 0) return { kind: 'unknown', hash, reason: story ? m.route_reason_needs_id_story({ head }) : m.route_reason_needs_id_scenario({ head }) };
    if (id === undefined || id === null || !ID.test(id)) return { kind: 'unknown', hash, reason: (story ? m.route_reason_bad_id_story : m.route_reason_bad_id_scenario)({ id: rest.join('/') }) };
    return story ? { kind: 'story', id } : { kind: 'scenario', id };
  }
  const mode = RESERVED.find((m) => m === head);
  if (mode) {
    if (rest.some((p) => p === null)) return { kind: 'unknown', hash, reason: m.route_reason_escape() };
    return { kind: 'reserved', mode, path: rest as string[], params: query === undefined ? {} : Object.fromEntries(new URLSearchParams(query)) };
  }
  return { kind: 'unknown', hash, reason: head === undefined || head === null ? m.route_reason_empty() : m.route_reason_no_such({ head }) };
}

/** The hash of a route (the gallery's is empty: the page's plain address). */
export function routeHash(r: Route): string {
  switch (r.kind) {
    case 'gallery':
      return '';
    case 'scenario':
      return `#/scenario/${r.id}`;
    case 'story':
      return `#/story/${r.id}`;
    case 'file':
      return `${FILE_ROUTE}${r.payload}`;
    case 'reserved': {
      const path = r.path.map(encodeURIComponent).join('/');
      const query = new URLSearchParams(r.params).toString();
      return `#/${r.mode}${path ? `/${path}` : ''}${query ? `?${query}` : ''}`;
    }
    case 'unknown':
      return r.hash;
  }
}

/** Where an example's file is, relative to the page's base (a story's lives under recovery/). */
export function exampleFile(r: { kind: 'scenario' | 'story'; id: string }): string {
  return r.kind === 'story' ? `scenarios/recovery/${r.id}.json` : `scenarios/${r.id}.json`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const k = s.indexOf(sep);
  return k < 0 ? [s, undefined] : [s.slice(0, k), s.slice(k + 1)];
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
