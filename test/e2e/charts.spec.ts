// The sandbox page's time charts in a real Chromium, shown one at a time in the chart deck: one time
// axis for all of them (switching charts keeps the same clock time at the same x, within a pixel, at
// a projector's, a laptop's and a phone's width), a key naming every line, end labels that never
// overlap, and lines that coincide said so. Screenshots of each chart in light and dark go to
// CHART_SHOTS (default test-results/screenshots/charts).
import { expect, test, type Page } from '@playwright/test';
import { chartChoices, seekTo, showChart, watchErrors, SCREENS } from './page';
import { openFile, type ScenarioFile } from './recovery-page';

const SHOTS = process.env.CHART_SHOTS ?? 'test-results/screenshots/charts';

interface ChartReading {
  name: string;
  /** Tick labels of the time axis: text and the x of their centre. */
  ticks: Array<{ text: string; x: number }>;
  /** Left and right edges of the office hours shaded on the time axis. */
  office: number[];
  /** Boxes of the names at the end of the lines. */
  ends: Array<{ text: string; left: number; right: number; top: number; bottom: number }>;
  /** The chart's drawing area. */
  box: { left: number; right: number; top: number; bottom: number };
  key: string;
}

/** What every time chart of the deck shows, each chosen in turn: its time-axis tick labels, end labels and key. */
async function readCharts(page: Page): Promise<ChartReading[]> {
  const out: ChartReading[] = [];
  for (const choice of await chartChoices(page)) {
    await showChart(page, choice);
    // A chart is drawn once its width is known, a frame after it appears.
    await page.locator('.panel.charts figure .plot svg').first().waitFor();
    out.push(...(await readShown(page)));
  }
  return out;
}

/** The time charts the deck shows now. */
async function readShown(page: Page): Promise<ChartReading[]> {
  return page.locator('.panel.charts figure').evaluateAll((figures) =>
    figures
      .filter((f) => f.querySelector('.time-grid'))
      .map((f) => {
        const box = (e: { getBoundingClientRect(): { left: number; right: number; top: number; bottom: number } }) => {
          const r = e.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        };
        return {
          name: f.getAttribute('aria-label') ?? '',
          ticks: [...f.querySelectorAll('.time-grid text.tick')].map((t) => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent ?? '', x: r.left + r.width / 2 };
          }),
          office: [...f.querySelectorAll('.time-grid rect.office')].slice(0, 1).flatMap((r) => [r.getBoundingClientRect().left, r.getBoundingClientRect().right]),
          ends: [...f.querySelectorAll('text.end-label')].map((t) => ({ text: t.textContent ?? '', ...box(t) })),
          box: box(f.querySelector('.plot svg')!),
          key: f.querySelector('figcaption')?.textContent?.replace(/\s+/g, ' ') ?? ''
        };
      })
  );
}

/**
 * Moments every chart marks (its tick labels, and the edges of the first office hours shaded), with
 * the widest spread of their x between charts.
 */
function misalignment(charts: ChartReading[]): { shared: string[]; worst: number; where: string } {
  const marks = (c: ChartReading) => [...c.ticks, ...c.office.map((x, i) => ({ text: i === 0 ? 'office hours from' : 'office hours to', x }))];
  const shared = marks(charts[0]!)
    .map((t) => t.text)
    .filter((text) => charts.every((c) => marks(c).some((t) => t.text === text)));
  let worst = 0;
  let where = '';
  for (const text of shared) {
    const xs = charts.map((c) => marks(c).find((t) => t.text === text)!.x);
    const spread = Math.max(...xs) - Math.min(...xs);
    if (spread > worst) {
      worst = spread;
      where = `${text} at ${xs.map((x) => x.toFixed(1)).join(', ')} px in ${charts.map((c) => c.name.split(':')[0]).join(' / ')}`;
    }
  }
  return { shared, worst, where };
}

/** Pairs of end labels of one chart whose boxes intersect. */
function overlaps(c: ChartReading): string[] {
  const out: string[] = [];
  c.ends.forEach((a, i) =>
    c.ends.slice(i + 1).forEach((b) => {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`${a.text} / ${b.text}`);
    })
  );
  return out;
}

async function open(page: Page, id: string, title: string): Promise<void> {
  await page.goto(`/#/scenario/${id}`);
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

/** Moves the time slider in steps, so the charts have a sample every `step` seconds up to `to`. */
async function playBySlider(page: Page, to: number, step: number): Promise<void> {
  for (let t = step; t <= to; t += step) await seekTo(page, t);
}

const SCENARIOS = [
  { id: 'hyperv-to-azure', title: 'Hyper-V VMs to Azure (no VMM)', to: 9 * 3600, lines: { rpo: ['sql-01', 'app-01', 'web-01'], hrl: ['sql-01 · os', 'sql-01 · data', 'app-01 · os', 'web-01 · os'] } },
  { id: 'vmm-to-azure', title: 'Hyper-V in VMM clouds to Azure', to: 6 * 3600, lines: { rpo: ['exch-01', 'sp-01', 'dhcp-01'], hrl: ['exch-01 · os', 'exch-01 · db', 'sp-01 · os', 'dhcp-01 · os'] } },
  { id: 'vmware-to-azure', title: 'VMware VMs to Azure', to: 9 * 3600, lines: { rpo: ['web-01', 'web-02', 'app-01', 'sql-01'], hrl: [] } }
];

for (const s of SCENARIOS) {
  test(`${s.title}: the charts share one time axis, every line is named and no end labels overlap`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await open(page, s.id, s.title);
    await playBySlider(page, s.to, 1200);

    for (const [width, height] of SCREENS) {
      await page.setViewportSize({ width, height });
      let charts: ChartReading[] = [];
      // The charts redraw in turns after a resize: wait until they have.
      await expect(async () => {
        charts = await readCharts(page);
        expect(charts.length, 'time charts in the chart deck').toBeGreaterThanOrEqual(s.lines.hrl.length > 0 ? 4 : 3);
        const m = misalignment(charts);
        expect(m.shared.length, `tick labels every chart has at ${width} px: ${charts.map((c) => c.ticks.map((t) => t.text).join(' ')).join(' | ')}`).toBeGreaterThanOrEqual(3);
        expect(m.worst, `time axes apart at ${width} px: ${m.where}`).toBeLessThanOrEqual(1);
      }).toPass({ timeout: 10_000 });

      for (const c of charts) {
        expect(overlaps(c), `end labels overlapping in "${c.name}" at ${width} px`).toEqual([]);
        for (const e of c.ends) {
          expect(e.top, `"${e.text}" inside "${c.name}"`).toBeGreaterThanOrEqual(c.box.top - 1);
          expect(e.bottom, `"${e.text}" inside "${c.name}"`).toBeLessThanOrEqual(c.box.bottom + 1);
          expect(e.right, `"${e.text}" inside "${c.name}" at ${width} px`).toBeLessThanOrEqual(c.box.right + 1);
        }
      }
      const rpo = charts.find((c) => c.name.startsWith('RPO'))!;
      for (const name of s.lines.rpo) expect(rpo.key, `the RPO chart's key names ${name}`).toContain(name);
      const hrl = charts.find((c) => c.name.startsWith('.hrl'));
      expect(Boolean(hrl), 'an .hrl chart exactly when the scenario keeps .hrl logs').toBe(s.lines.hrl.length > 0);
      for (const name of s.lines.hrl) expect(hrl!.key, `the .hrl chart's key names ${name}`).toContain(name);
    }
    expect(errors).toEqual([]);
  });
}

test('after going back in time the charts are drawn again from the replayed run, on one axis', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'vmware-to-azure', 'VMware VMs to Azure');
  await playBySlider(page, 8 * 3600, 1800);
  // Back to 3 h: the page replays the run from its start, and the charts draw that replay.
  await seekTo(page, 3 * 3600);
  for (let t = 3 * 3600 + 600; t <= 6 * 3600; t += 600) await seekTo(page, t);
  await expect(async () => {
    const charts = await readCharts(page);
    const m = misalignment(charts);
    expect(m.shared.length).toBeGreaterThanOrEqual(3);
    expect(m.worst, `time axes apart after a rewind: ${m.where}`).toBeLessThanOrEqual(1);
    // The replay's samples reach back to the run's start (08:00), not only to where the seek landed.
    expect(charts[0]!.ticks[0]!.text).toBe('08:00');
  }).toPass({ timeout: 10_000 });
});

/** Four VMware VMs on three process servers, one chart each. */
const threeServers: ScenarioFile = {
  scenario: 'vmware-to-azure',
  seed: 3,
  until: '1d',
  processServers: [
    { id: 'ps-02', size: '12vcpu' },
    { id: 'ps-03', size: '4vcpu' }
  ],
  machines: ['web-01', 'web-02', 'app-01', 'sql-01'].map((id, i) => ({ id, writeMBps: 0.3 + 0.4 * i, ...(i === 3 ? { processServer: 'ps-02' } : {}), disks: [{ id: 'os', sizeGiB: 32 }] })),
  network: { uplinkMbps: 200 },
  steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
};

test('with several process servers, each one’s chart is stacked on the same time axis as the others', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openFile(page, threeServers, 'VMware VMs to Azure');
  await playBySlider(page, 6 * 3600, 1200);
  for (const [width, height] of SCREENS) {
    await page.setViewportSize({ width, height });
    await expect(async () => {
      const charts = await readCharts(page);
      expect(charts.filter((c) => /^Process server/.test(c.name))).toHaveLength(3);
      const m = misalignment(charts);
      expect(m.shared.length).toBeGreaterThanOrEqual(3);
      expect(m.worst, `time axes apart at ${width} px: ${m.where}`).toBeLessThanOrEqual(1);
    }).toPass({ timeout: 10_000 });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForTimeout(800);
  await showChart(page, 'Process server');
  await page.locator('.panel.charts').screenshot({ path: `${SHOTS}/three-servers-1280-light.png` });
});

test('lines that coincide are drawn apart and the key says so', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'hyperv-to-azure', 'Hyper-V VMs to Azure (no VMM)');
  // Before replication starts every .hrl log is empty: the lines lie on each other at 0 %.
  await seekTo(page, 60);
  await seekTo(page, 120);
  await showChart(page, '.hrl logs');
  const hrl = page.getByRole('figure', { name: /^\.hrl log size/ });
  await expect(hrl.locator('figcaption')).toContainText(/ have logs of the same share of their disks: their lines lie on one another/);
  // Each line has its own dash or marker, so one on top of another still shows.
  const looks = await hrl.locator('path.line').evaluateAll((paths) => paths.map((p) => `${p.getAttribute('stroke')} ${p.getAttribute('stroke-dasharray') ?? ''}`));
  expect(new Set(looks).size).toBe(looks.length);
});

test('screenshots of each chart, light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  for (const s of [SCENARIOS[0]!, SCENARIOS[2]!]) {
    await page.setViewportSize({ width: 1280, height: 720 });
    await open(page, s.id, s.title);
    await playBySlider(page, s.to, 1800);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [width, height] of SCREENS) {
        await page.setViewportSize({ width, height });
        const deck = page.locator('.panel.charts');
        for (const choice of await chartChoices(page)) {
          await showChart(page, choice);
          // The charts redraw in turns after a resize.
          await page.waitForTimeout(500);
          await deck.screenshot({ path: `${SHOTS}/${s.id}-${choice.replace(/\W+/g, '')}-${width}-${scheme}.png` });
        }
        if (width === 1920 && scheme === 'light') await page.screenshot({ path: `${SHOTS}/${s.id}-page-${width}.png` });
      }
    }
  }
});
