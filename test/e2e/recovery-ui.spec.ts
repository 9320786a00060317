// The recovery panel as a learner reads it, in a real Chromium: the failover wizard at a phone's
// width shows every figure of every choice inside the dialog, each named (cards, not a table cut
// at the edge), light and dark; after a failover that lost data the record says how much in the
// warning colour and the loss bar has a time scale and names each of its marks; after one that
// lost nothing it says "none", not as a warning. Screenshots at 1920, 1280 and 390 px go to
// RECOVERY_SHOTS (default test-results/screenshots/recovery-ui).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCREENS } from './page';
import { actions, card, enableReplication, isMachine, openFile, playUntil, siteDisaster, smallFile, watchErrors, wizardRow } from './recovery-page';

const SHOTS = process.env.RECOVERY_SHOTS ?? 'test-results/screenshots/recovery-ui';
const HYPERV = 'Hyper-V VMs to Azure (no VMM)';
const PRIMARY = 'runs at the primary site';
/** The page's warning colour for data lost, light and dark (#a03c00, #ffb482). */
const WARNING = ['rgb(160, 60, 0)', 'rgb(255, 180, 130)'];

/** One Hyper-V VM, protected from the page, paused with a few recovery points. */
async function protectedMachine(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openFile(page, smallFile('hyperv-to-azure', 12, [{ id: 'sql-01', host: 'hv-host-01', writeMBps: 1, sizeGiB: 8 }]), HYPERV);
  await enableReplication(page, 'sql-01');
  await playUntil(page, async () => {
    await isMachine(page, 'sql-01', PRIMARY, 'protected')();
    const points = await page.getByRole('row', { name: /^sql-01\b/ }).getByRole('cell').nth(3).innerText();
    expect(parseInt(points, 10)).toBeGreaterThanOrEqual(3);
  });
}

async function openWizard(page: Page): Promise<Locator> {
  await actions(page, 'sql-01').getByRole('button', { name: 'Fail over…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Fail over sql-01', exact: true });
  await expect(dialog.getByRole('table')).toBeVisible();
  return dialog;
}

/** The page's window, as page code sees it (this file is type-checked without the DOM library). */
type PageWindow = { innerWidth: number; getComputedStyle(e: unknown, pseudo?: string): { overflowX: string; content: string; color: string } };

/** Everything in the wizard's choices that does not show whole inside the dialog, in words. */
async function cutInWizard(dialog: Locator): Promise<string[]> {
  return dialog.evaluate((d) => {
    const w = globalThis as unknown as PageWindow;
    const out: string[] = [];
    const box = d.getBoundingClientRect();
    if (box.left < -0.5 || box.right > w.innerWidth + 0.5) out.push(`the dialog (${box.left}–${box.right}) is wider than the window (${w.innerWidth})`);
    for (const el of [d, ...d.querySelectorAll('*')]) {
      if (el.scrollWidth > el.clientWidth + 1 && w.getComputedStyle(el).overflowX !== 'visible') out.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
    for (const cell of d.querySelectorAll('table th, table td')) {
      const r = cell.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(`"${(cell.textContent ?? '').trim().slice(0, 40)}" (${Math.round(r.left)}–${Math.round(r.right)}) is cut by the dialog (${Math.round(box.left)}–${Math.round(box.right)})`);
    }
    return out;
  });
}

/** The figures of each choice as a card shows them: each value with its name, from the cell's ::before. */
async function namedFigures(dialog: Locator): Promise<string[][]> {
  return dialog.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((td) => `${(globalThis as unknown as PageWindow).getComputedStyle(td, '::before').content.replace(/^"|"$/g, '')}: ${(td.textContent ?? '').trim()}`))
  );
}

test('the failover wizard on a phone: every figure of every choice inside the dialog, each named', async ({ page }) => {
  const errors = watchErrors(page);
  await protectedMachine(page);
  const dialog = await openWizard(page);
  // At a laptop's width it is a table: one row a choice, the same four figures in each.
  const wide = await wizardRow(dialog, 'Latest processed');
  expect(wide.dataLost).toMatch(/^(\d|none$)/);
  for (const [width, height] of SCREENS) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect.soft(await cutInWizard(dialog), `the wizard at ${width} px, ${scheme}`).toEqual([]);
      await dialog.screenshot({ path: `${SHOTS}/wizard-${width}-${scheme}.png` });
    }
  }
  // On the phone each figure is named in its card, and reads as on the laptop.
  await page.setViewportSize({ width: 390, height: 844 });
  const cards = await namedFigures(dialog);
  expect(cards.length).toBeGreaterThanOrEqual(3);
  for (const figures of cards) expect(figures.map((f) => f.split(':')[0])).toEqual(['Point from', 'Data lost', 'Writes lost', 'Expected RTO']);
  const narrow = await wizardRow(dialog, 'Latest processed');
  expect(narrow).toEqual(wide);
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(errors).toEqual([]);
});

interface LossReading {
  ticks: string[];
  marks: Array<{ text: string; left: number; right: number; top: number; bottom: number }>;
  svg: { left: number; right: number };
}

async function readLossBar(figure: Locator): Promise<LossReading> {
  return figure.evaluate((f) => {
    const box = (e: typeof f) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const svg = box(f.querySelector('svg')!);
    return {
      ticks: [...f.querySelectorAll('text.tick')].map((t) => t.textContent ?? ''),
      marks: [...f.querySelectorAll('text.mark-label')].map((t) => ({ text: t.textContent ?? '', ...box(t) })),
      svg: { left: svg.left, right: svg.right }
    };
  });
}

/** The record's loss bar: a time scale, every mark named, names apart and inside the drawing. */
async function expectReadableLossBar(page: Page, marks: RegExp[]): Promise<void> {
  const figure = card(page, 'sql-01').getByRole('img', { name: /^Data lost: .*, on a time line$/ });
  await expect(figure).toBeVisible();
  const r = await readLossBar(figure);
  expect(r.ticks.length, 'clock-time ticks on the loss bar').toBeGreaterThanOrEqual(2);
  for (const t of r.ticks) expect(t).toMatch(/^\d\d:\d\d$/);
  expect(r.marks.map((m) => m.text)).toEqual(marks.map((m) => expect.stringMatching(m)));
  for (const [i, a] of r.marks.entries()) {
    expect(a.left, `"${a.text}" inside the drawing`).toBeGreaterThanOrEqual(r.svg.left - 0.5);
    expect(a.right, `"${a.text}" inside the drawing`).toBeLessThanOrEqual(r.svg.right + 0.5);
    for (const b of r.marks.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, `"${a.text}" apart from "${b.text}"`).toBe(true);
  }
}

async function shootRecord(page: Page, name: string): Promise<void> {
  for (const [width, height] of SCREENS) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await card(page, 'sql-01').screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 720 });
}

const MOMENT = '\\w{3} \\d{1,2} \\w{3} \\d\\d:\\d\\d(:\\d\\d)?';

test('after a failover that lost data: how much, as a warning, on a loss bar with a scale and named marks', async ({ page }) => {
  const errors = watchErrors(page);
  await protectedMachine(page);
  await siteDisaster(page);
  const dialog = await openWizard(page);
  await dialog.getByRole('radio', { name: 'Latest processed', exact: true }).check();
  await dialog.getByRole('button', { name: 'Fail over', exact: true }).click();
  await expect(dialog).toBeHidden();
  await playUntil(page, isMachine(page, 'sql-01', 'runs in Azure', 'failed over, not committed yet'));
  const record = card(page, 'sql-01').locator('div.record p');
  await expect(record).toContainText(new RegExp(`^Unplanned failover at ${MOMENT}: succeeded`));
  const loss = record.locator('.loss strong');
  await expect(loss).toHaveText(/^\d/);
  expect(WARNING).toContain(await loss.evaluate((e) => (globalThis as unknown as PageWindow).getComputedStyle(e).color));
  const figure = card(page, 'sql-01').getByRole('img', { name: /^Data lost: \d.*, on a time line$/ });
  await expect(figure).toHaveAccessibleDescription(new RegExp(`^The recovery point was made ${MOMENT}; the source stopped ${MOMENT}, so the .+ of changes between them \\(\\d+ writes\\) are lost\\. The failover started ${MOMENT}\\.$`));
  for (const [width, height] of SCREENS) {
    await page.setViewportSize({ width, height });
    // Paused, the failover starts the moment the site goes down: one mark names both.
    await expectReadableLossBar(page, [new RegExp(`^recovery point ${MOMENT}$`), new RegExp(`^source stopped ${MOMENT}and the failover started$`)]);
  }
  await shootRecord(page, 'record-with-loss');
  expect(errors).toEqual([]);
});

test('after a failover that lost nothing: "none", not as a warning', async ({ page }) => {
  const errors = watchErrors(page);
  await protectedMachine(page);
  const dialog = await openWizard(page);
  await dialog.getByRole('radio', { name: /^Planned/ }).check();
  await expect(dialog.locator('footer')).toContainText('Loses nothing');
  await dialog.getByRole('button', { name: 'Fail over', exact: true }).click();
  await expect(dialog).toBeHidden();
  await playUntil(page, isMachine(page, 'sql-01', 'runs in Azure', 'failed over, not committed yet'));
  const record = card(page, 'sql-01').locator('div.record p');
  await expect(record).toContainText(new RegExp(`^Planned failover at ${MOMENT}: succeeded`));
  await expect(record).toContainText('Data lost: none (0 writes).');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(WARNING).not.toContain(await record.locator('.loss strong').evaluate((e) => (globalThis as unknown as PageWindow).getComputedStyle(e).color));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const figure = card(page, 'sql-01').getByRole('img', { name: 'Data lost: none, on a time line' });
  await expect(figure).toHaveAccessibleDescription(new RegExp(`^The recovery point was made ${MOMENT}, when the source stopped: data lost none\\. The failover started ${MOMENT}\\.$`));
  await expect(figure.locator('text', { hasText: 'nothing lost' })).toBeVisible();
  await expectReadableLossBar(page, [new RegExp(`^recovery point ${MOMENT}made when the source stopped$`), new RegExp(`^failover started ${MOMENT}$`)]);
  await shootRecord(page, 'record-without-loss');
  expect(errors).toEqual([]);
});
