// The page's routes: every address parses to one typed state and back, old links still open, and
// anything else says what is wrong with it.

import { describe, expect, it } from 'vitest';
import { exampleFile, parseRoute, routeHash, type Route } from '../../src/app/routes';

describe('parseRoute', () => {
  it('opens the gallery at the plain address', () => {
    for (const h of ['', '#', '#/']) expect(parseRoute(h)).toEqual({ kind: 'gallery' });
  });

  it('reads a scenario, a story in its new and its old form, and a file', () => {
    expect(parseRoute('#/scenario/vmware-to-azure')).toEqual({ kind: 'scenario', id: 'vmware-to-azure' });
    expect(parseRoute('#/story/hyperv-to-azure')).toEqual({ kind: 'story', id: 'hyperv-to-azure' });
    expect(parseRoute('#/scenario/recovery/recovery-plan')).toEqual({ kind: 'story', id: 'recovery-plan' });
    expect(parseRoute('#/file/AbC_-12')).toEqual({ kind: 'file', payload: 'AbC_-12' });
  });

  it('keeps the modes still to come: their path and, for the embed, their parameters', () => {
    expect(parseRoute('#/learn/vmware/2')).toEqual({ kind: 'reserved', mode: 'learn', path: ['vmware', '2'], params: {} });
    expect(parseRoute('#/present/tour/3/1')).toMatchObject({ kind: 'reserved', mode: 'present', path: ['tour', '3', '1'] });
    expect(parseRoute('#/embed?scenario=vmware-to-azure&view=compact')).toEqual({ kind: 'reserved', mode: 'embed', path: [], params: { scenario: 'vmware-to-azure', view: 'compact' } });
    expect(parseRoute('#/plan')).toMatchObject({ kind: 'reserved', mode: 'plan', path: [] });
  });

  it('says why anything else is not an address of the page', () => {
    const reason = (h: string) => {
      const r = parseRoute(h);
      return r.kind === 'unknown' ? r.reason : `parsed as ${r.kind}`;
    };
    expect(reason('#/nowhere')).toBe('this page has no "nowhere" address');
    expect(reason('#nowhere')).toBe('an address of this page starts with #/');
    expect(reason('#/scenario/')).toBe('#/scenario/ needs the id of a scenario');
    expect(reason('#/scenario/Not An Id')).toBe('"Not An Id" is not the id of a scenario');
    expect(reason('#/scenario/a/b/c')).toBe('"a/b/c" is not the id of a scenario');
    expect(reason('#/story/a/b')).toBe('"a/b" is not the id of a story');
    expect(reason('#/file/')).toBe('the link holds no scenario file after #/file/');
    expect(reason('#/learn/%E0%A4%A')).toBe('the address has a malformed %-escape');
  });
});

describe('routeHash', () => {
  it('gives each route its address, which parses back to the same route', () => {
    const routes: Route[] = [
      { kind: 'gallery' },
      { kind: 'scenario', id: 'vmm-san' },
      { kind: 'story', id: 'recovery-plan' },
      { kind: 'file', payload: 'xyz' },
      { kind: 'reserved', mode: 'learn', path: ['a b', 'c/d'], params: {} },
      { kind: 'reserved', mode: 'embed', path: [], params: { lesson: 'x', at: '2h' } }
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
    expect(routeHash({ kind: 'story', id: 'vmm-san' })).toBe('#/story/vmm-san');
  });

  it('finds an example’s file, a story’s under recovery/', () => {
    expect(exampleFile({ kind: 'scenario', id: 'vmm-san' })).toBe('scenarios/vmm-san.json');
    expect(exampleFile({ kind: 'story', id: 'vmm-san' })).toBe('scenarios/recovery/vmm-san.json');
  });
});
