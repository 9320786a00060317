// The topology drawing in a real Chromium, measured from the rendered text and boxes (getBBox and
// getBoundingClientRect, not estimates): in every scenario, every recovery story and with scale-out
// process servers, at a projector's, a laptop's and a phone's size, no link label covers another, a
// node or a site's frame, every node's text fits its box, nothing is cut at the drawing's edges, the
// zoom buttons cover nothing, and the smallest text renders at 10 px or more. Screenshots of each
// drawing, light and dark, go to TOPO_SHOTS (default test-results/screenshots/topology).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { encodeShare, FILE_ROUTE } from '../../src/app/share';
import { seekTo, watchErrors, SCREENS } from './page';

const SHOTS = process.env.TOPO_SHOTS ?? 'test-results/screenshots/topology';
/** The smallest size text may render at, in CSS pixels: on a phone, and on a wider screen (where the whole drawing fits more often). */
const MIN_TEXT_PX = (width: number) => (width < 600 ? 10 : 8);

const scenarioDir = fileURLToPath(new URL('../../public/scenarios/', import.meta.url));
const ids = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

/** Five machines on three process servers, and a fourth server added by a step (not deployed until then). */
const threeServers = (scenario: string) => ({
  scenario,
  seed: 3,
  until: '12h',
  processServers: [
    { id: 'ps-02', size: '12vcpu' },
    { id: 'ps-03', size: '4vcpu' }
  ],
  machines: ['web-01', 'web-02', 'app-01', 'app-02', 'sql-01'].map((id) => ({ id, writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 32 }] })),
  steps: [
    { at: '0s', do: 'enableReplication', machines: 'all' },
    { at: '2h', do: 'addComponent', component: 'ps-04', size: '4vcpu' }
  ]
});

interface Drawing {
  name: string;
  open: (page: Page) => Promise<void>;
}

const openRoute = (route: string) => async (page: Page) => {
  await page.goto(route);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(page.locator('svg.topology')).toBeVisible();
};

const DRAWINGS: Drawing[] = [
  ...ids(scenarioDir).map((id) => ({ name: id, open: openRoute(`/#/scenario/${id}`) })),
  ...ids(`${scenarioDir}recovery`).map((id) => ({ name: `recovery-${id}`, open: openRoute(`/#/scenario/recovery/${id}`) })),
  ...['vmware-to-azure', 'physical-to-azure', 'vmware-to-vmware', 'aws-to-azure-migration'].map((id) => ({
    name: `scale-out-${id}`,
    open: async (page: Page) => openRoute(`/${FILE_ROUTE}${await encodeShare(threeServers(id), 0)}`)(page)
  }))
];

interface Reading {
  problems: string[];
  /** The smallest rendered font size of any text in the drawing, in CSS pixels. */
  smallestPx: number;
  /** The drawing's width on screen against its frame's: more than the frame means it pans. */
  drawnWidth: number;
  frameWidth: number;
  labels: number;
}

/**
 * Measures the drawing as rendered (at the zoom it starts at). Boxes of SVG text come from getBBox
 * in the drawing's own units; the zoom buttons are compared with the nodes and frames on screen.
 */
async function measure(page: Page): Promise<Reading> {
  return page.locator('svg.topology').evaluate((svgEl) => {
    type B = { x0: number; y0: number; x1: number; y1: number };
    // (Page code: this file is type-checked without the DOM library, so the page's types are spelt out.)
    type El = typeof svgEl;
    type Graphic = El & { getBBox(): { x: number; y: number; width: number; height: number } };
    const css = globalThis as unknown as { getComputedStyle(e: El): { fontSize: string } };
    const svg = svgEl as unknown as Graphic & { viewBox: { baseVal: { width: number; height: number } } };
    const root = svg.closest('.wrap') ?? svg.parentElement!;
    const problems: string[] = [];
    const EPS = 0.5;
    const box = (e: El): B => {
      const b = (e as Graphic).getBBox();
      return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
    };
    const rectBox = (e: El): B => {
      const n = (a: string) => Number(e.getAttribute(a));
      return { x0: n('x'), y0: n('y'), x1: n('x') + n('width'), y1: n('y') + n('height') };
    };
    const client = (e: El): B => {
      const r = e.getBoundingClientRect();
      return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    };
    const meets = (a: B, b: B) => a.x0 < b.x1 - EPS && b.x0 < a.x1 - EPS && a.y0 < b.y1 - EPS && b.y0 < a.y1 - EPS;
    const inside = (a: B, b: B) => a.x0 >= b.x0 - EPS && a.x1 <= b.x1 + EPS && a.y0 >= b.y0 - EPS && a.y1 <= b.y1 + EPS;
    const show = (b: B) => `[${b.x0.toFixed(1)}, ${b.y0.toFixed(1)} – ${b.x1.toFixed(1)}, ${b.y1.toFixed(1)}]`;
    const text = (e: El) => JSON.stringify((e.textContent ?? '').replace(/\s+/g, ' ').trim());

    const W = svg.viewBox.baseVal.width;
    const H = svg.viewBox.baseVal.height;
    const drawing: B = { x0: 0, y0: 0, x1: W, y1: H };
    const sites = [...svg.querySelectorAll('g.site')].map((g) => ({ name: text(g.querySelector('text')!), frame: rectBox(g.querySelector('rect')!), label: box(g.querySelector('text')!) }));
    const nodes = [...svg.querySelectorAll('g.node')].map((g) => ({
      name: g.getAttribute('aria-label') ?? '',
      rect: rectBox(g.querySelector('rect')!),
      client: client(g.querySelector('rect')!),
      texts: [...g.querySelectorAll('text')].map((t) => ({ text: text(t), box: box(t) }))
    }));
    const labels = [...root.querySelectorAll('text.edge-label')].map((t) => ({ text: text(t), box: box(t) }));

    for (const [i, a] of labels.entries()) {
      for (const b of labels.slice(i + 1)) if (meets(a.box, b.box)) problems.push(`label ${a.text} ${show(a.box)} over label ${b.text} ${show(b.box)}`);
      for (const n of nodes) if (meets(a.box, n.rect)) problems.push(`label ${a.text} ${show(a.box)} over node "${n.name}" ${show(n.rect)}`);
      for (const s of sites) {
        if (meets(a.box, s.frame) && !inside(a.box, s.frame)) problems.push(`label ${a.text} ${show(a.box)} across the frame of ${s.name} ${show(s.frame)}`);
        if (meets(a.box, s.label)) problems.push(`label ${a.text} over the site name ${s.name}`);
      }
      if (!inside(a.box, drawing)) problems.push(`label ${a.text} ${show(a.box)} cut by the drawing's edge (0, 0 – ${W}, ${H})`);
    }
    for (const n of nodes) {
      for (const t of n.texts) if (!inside(t.box, n.rect)) problems.push(`node "${n.name}": ${t.text} ${show(t.box)} does not fit its box ${show(n.rect)}`);
      for (const [i, t] of n.texts.entries()) for (const u of n.texts.slice(i + 1)) if (meets(t.box, u.box)) problems.push(`node "${n.name}": ${t.text} over ${u.text}`);
      if (!inside(n.rect, drawing)) problems.push(`node "${n.name}" cut by the drawing's edge`);
      for (const s of sites) if (meets(s.label, n.rect)) problems.push(`site name ${s.name} over node "${n.name}"`);
    }
    for (const s of sites) {
      if (!inside(s.label, s.frame)) problems.push(`site name ${s.name} does not fit its frame`);
      if (!inside(s.frame, drawing)) problems.push(`site ${s.name} ${show(s.frame)} cut by the drawing's edge (0, 0 – ${W}, ${H})`);
    }
    for (const p of svg.querySelectorAll('path.line')) {
      const b = box(p);
      if (!inside(b, drawing)) problems.push(`the line of ${p.parentElement?.getAttribute('data-link') ?? '?'} ${show(b)} cut by the drawing's edge (0, 0 – ${W}, ${H})`);
    }
    // The zoom buttons: never over a node or a site's frame on screen.
    // On screen: what a scrolling frame shows of them (a drawing wider than its frame is clipped).
    const view = client(svg.closest('.scroller') ?? root);
    const shown = (b: B): B => ({ x0: Math.max(b.x0, view.x0), y0: Math.max(b.y0, view.y0), x1: Math.min(b.x1, view.x1), y1: Math.min(b.y1, view.y1) });
    const frames = [...svg.querySelectorAll('g.site rect')].map((r) => ({ name: 'a site frame', b: shown(client(r)) }));
    for (const button of root.querySelectorAll('button')) {
      const b = client(button);
      for (const f of [...frames, ...nodes.map((n) => ({ name: `node "${n.name}"`, b: shown(n.client) }))]) if (meets(b, f.b)) problems.push(`the ${text(button)} button is over ${f.name}`);
    }
    // Rendered text size: the font size times the drawing's scale on screen.
    const scale = svg.getBoundingClientRect().width / W;
    let smallestPx = Infinity;
    for (const t of root.querySelectorAll('svg text')) {
      if ((t.textContent ?? '').trim() === '') continue;
      smallestPx = Math.min(smallestPx, parseFloat(css.getComputedStyle(t).fontSize) * scale);
    }
    const frame = svg.closest('.scroller') ?? root;
    return { problems, smallestPx, drawnWidth: svg.getBoundingClientRect().width, frameWidth: frame.getBoundingClientRect().width, labels: labels.length };
  });
}

/** The moments to look at: the start, and a few later ones (node states change as the run goes on). */
async function moments(page: Page): Promise<number[]> {
  const until = Number(await page.getByRole('slider', { name: /^Time/ }).getAttribute('max'));
  return [0, 0.2, 0.5, 1].map((f) => Math.round(until * f));
}

for (const d of DRAWINGS) {
  test(`topology of ${d.name}: nothing covers anything, nothing is cut, text is readable`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await d.open(page);
    for (const t of await moments(page)) {
      if (t > 0) await seekTo(page, t);
      const r = await measure(page);
      expect(r.labels, 'link labels drawn').toBeGreaterThan(0);
      expect.soft(r.problems, `${d.name} at ${t} s, 1280 px`).toEqual([]);
    }
    for (const [width, height] of SCREENS) {
      await page.setViewportSize({ width, height });
      // The page fits the drawing to its new room in the frame after a resize.
      await page.evaluate(() => {
        const page = globalThis as unknown as { requestAnimationFrame(f: () => void): void };
        return new Promise<void>((done) => page.requestAnimationFrame(() => page.requestAnimationFrame(done)));
      });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const r = await measure(page);
        expect.soft(r.problems, `${d.name} at ${width} px, ${scheme}`).toEqual([]);
        expect.soft(r.smallestPx, `${d.name} at ${width} px: the smallest text on screen (px)`).toBeGreaterThanOrEqual(MIN_TEXT_PX(width));
        // A drawing wider than its frame must say it pans.
        if (r.drawnWidth > r.frameWidth + 1) await expect.soft(page.getByText(/wider than/)).toBeVisible();
        await page.locator('.panel.topo').screenshot({ path: `${SHOTS}/${d.name}-${width}-${scheme}.png` });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });
}
