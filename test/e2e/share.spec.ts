// Share links and scenario files in the production page, in a real Chromium: a link made after
// playing and injecting a fault reopens the same moment in a new page; a changed or cut link says
// so and the gallery still works; a downloaded file opens again (chosen or dropped) and downloads the
// same; a file that is not a scenario file lists what is wrong and where. Screenshots for review.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { playUntilProtected, seekTo, showTab, watchErrors } from './page';
import { encodeShare } from '../../src/app/share';

const HYPERV = 'Hyper-V VMs to Azure (no VMM)';
const hypervFile = JSON.parse(readFileSync(new URL('../../public/scenarios/hyperv-to-azure.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const SHOTS = 'test-results/screenshots';

test.use({ permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1280, height: 720 } });

async function openFromGallery(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`) }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

/** Takes the uplink down from the link's panel, confirmed in the dialog. */
async function takeUplinkDown(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Link uplink/ }).click();
  await page.getByRole('button', { name: /^Take (the )?link( uplink)? down/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Inject' }).click();
  await expect(dialog).toBeHidden();
  await showTab(page, 'Events');
  await expect(page.locator('ol.log')).toContainText(/link down on uplink/i);
  await showTab(page, 'Machines');
}

/** What a person sees of the simulation's state: title, clock, time, machines, links. */
async function state(page: Page): Promise<Record<string, string>> {
  return {
    title: await page.getByRole('heading', { level: 2 }).innerText(),
    clock: await page.locator('.clock .date').innerText(),
    time: await page.locator('.timeline output').innerText(),
    machines: await page.locator('tbody').innerText(),
    // Each link's health and the rate the engine measured: the replay carries the same.
    links: (await page.getByRole('button', { name: /^Link / }).allInnerTexts()).join(' | ')
  };
}

test('a share link reopens the scenario at the same moment, with the fault that was injected', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openFromGallery(page, HYPERV);
  await playUntilProtected(page);
  // 10:30: protected, and before the story's own link fault (11:00), so the link can be taken down.
  await seekTo(page, 2.5 * 3600);
  await takeUplinkDown(page);
  const before = await state(page);

  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const field = page.getByRole('textbox', { name: 'Share link' });
  const link = await field.inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/file\/[A-Za-z0-9_-]+$/);
  // (Page code as text: this file is type-checked without the DOM library.)
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(link);
  await page.screenshot({ path: `${SHOTS}/share-link-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(field).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/share-link-390.png`, fullPage: true });

  const other = await context.newPage();
  const otherErrors = watchErrors(other);
  await other.goto(link);
  await expect(other.getByRole('heading', { level: 2, name: HYPERV })).toBeVisible();
  await expect(other.locator('.clock .date')).toHaveText(before.clock!);
  await expect(other.locator('.timeline output')).toHaveText(before.time!);
  await expect.poll(() => other.locator('tbody').innerText()).toBe(before.machines);
  expect(await state(other)).toEqual(before);
  await showTab(other, 'Events');
  await expect(other.locator('ol.log')).toContainText(/link down on uplink/i);
  // Paused where it was shared; playing on works.
  await other.getByRole('button', { name: 'Play' }).click();
  await expect(other.locator('.clock .date')).not.toHaveText(before.clock!);
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});

test('a changed or cut link says what is wrong, and the gallery still works', async ({ page }) => {
  const errors = watchErrors(page);
  const payload = await encodeShare(hypervFile, 3600);
  const mid = Math.floor(payload.length / 2);
  const changed = payload.slice(0, mid) + (payload[mid] === 'A' ? 'B' : 'A') + payload.slice(mid + 1);

  // The good link opens (the moment is the one in the link: 09:00 on the first day).
  await page.goto(`/#/file/${payload}`);
  await expect(page.getByRole('heading', { level: 2, name: HYPERV })).toBeVisible();
  await expect(page.locator('.clock .date')).toHaveText(/ 09:00/);

  await page.goto(`/#/file/${changed}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This share link cannot be opened');
  await expect(alert).toContainText('This link was changed after it was made');
  await page.screenshot({ path: `${SHOTS}/share-bad-link-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/share-bad-link-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.goto(`/#/file/${payload.slice(0, -30)}`);
  await expect(page.getByRole('alert')).toContainText('This link is incomplete');
  // An intact link to a file the engine refuses: the sandbox lists the file's problems.
  await page.goto(`/#/file/${await encodeShare({ ...hypervFile, seed: -1 }, 0)}`);
  await expect(page.getByRole('alert')).toContainText(/\$\.seed: /);
  await page.getByRole('button', { name: '← Scenarios' }).click();
  await openFromGallery(page, 'VMware VMs to Azure');
  expect(errors).toEqual([]);
});

test('a downloaded scenario file opens again, chosen or dropped, and downloads the same', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openFromGallery(page, HYPERV);
  await page.getByRole('button', { name: 'Next event' }).click();
  await takeUplinkDown(page);

  const download = async (): Promise<{ name: string; text: string }> => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download scenario file' }).click()]);
    const path = testInfo.outputPath(`${Date.now()}-${d.suggestedFilename()}`);
    await d.saveAs(path);
    return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
  };
  const first = await download();
  expect(first.name).toBe('hyperv-to-azure.json');
  const saved = JSON.parse(first.text) as { scenario: string; seed: number; steps: Array<Record<string, unknown>> };
  expect(saved).toMatchObject({ scenario: 'hyperv-to-azure', seed: hypervFile.seed });
  expect(saved.steps.at(-1)).toMatchObject({ do: 'fault', fault: 'linkDown', target: 'uplink' });
  expect(saved.steps.slice(0, -1)).toEqual(hypervFile.steps);

  // Chosen with "Open a scenario file…".
  await page.getByRole('button', { name: '← Scenarios' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open a scenario file…' }).click()]);
  await chooser.setFiles({ name: first.name, mimeType: 'application/json', buffer: Buffer.from(first.text) });
  await expect(page.getByRole('heading', { level: 2, name: HYPERV })).toBeVisible();
  await expect(page).toHaveURL(/#\/file\/[A-Za-z0-9_-]+$/);
  expect((await download()).text).toBe(first.text);

  // Dropped on the page.
  await page.getByRole('button', { name: '← Scenarios' }).click();
  await expect(page.getByRole('button', { name: 'Open a scenario file…' })).toBeVisible();
  const dataTransfer = await page.evaluateHandle(
    `(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(first.text)}], 'dropped.json', { type: 'application/json' })); return dt; })()`
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop the scenario file to open it')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByRole('heading', { level: 2, name: HYPERV })).toBeVisible();
  expect((await download()).text).toBe(first.text);
  // Reloading keeps the opened file.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: HYPERV })).toBeVisible();
  expect((await download()).text).toBe(first.text);
  expect(errors).toEqual([]);
});

test('a file that is not a scenario file says what is wrong and where, and the page keeps working', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const choose = async (name: string, text: string) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open a scenario file…' }).click()]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  };

  await choose('notes.json', '{\n  "scenario": "vmware-to-azure",\n}\n');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('notes.json cannot be opened');
  await expect(alert).toContainText('it is not valid JSON (unexpected "}" at line 3, column 1)');

  const bad = {
    scenario: 'vmware-to-azure',
    policy: { retention: '48h', storage: 'premium' },
    steps: [{ at: '1h', do: 'fault', fault: 'linkDown', target: 'uplinq' }]
  };
  await choose('bad.json', JSON.stringify(bad, null, 2));
  await expect(alert).toContainText('bad.json is not a valid scenario file (2 problems); nothing was opened');
  await expect(alert.getByRole('listitem')).toHaveText([/^\$\.policy\.retention: 48h is longer than allowed/, /^\$\.steps\[0\]\.target: "uplinq" is not something this scenario has/]);
  await page.screenshot({ path: `${SHOTS}/share-bad-file-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/share-bad-file-390.png`, fullPage: true });

  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
  await openFromGallery(page, 'VMware VMs to Azure');
  expect(errors).toEqual([]);
});
