// The production page in a real Chromium: the gallery lists every scenario; each opens, plays from
// the engine worker and shows RPO and recovery points; a link fault shows on the link and in the
// events, and clears; screenshots of the views are saved for review.
import { expect, test, type Page } from '@playwright/test';
import { eachView, playUntilProtected, seekTo, showChart, showTab, watchErrors } from './page';

const SCENARIOS = [
  'VMware VMs to Azure',
  'Physical servers to Azure',
  'Hyper-V VMs to Azure (no VMM)',
  'Hyper-V in VMM clouds to Azure',
  'VMM to a secondary VMM site (Hyper-V Replica)',
  'VMM to a secondary site with SAN replication',
  'VMware or physical to a secondary site (InMage Scout)',
  'Azure IaaS VMs to another region (migration)',
  'AWS Windows instances to Azure (migration)'
];

const exact = (title: string): RegExp => new RegExp(`^${title.replace(/[()]/g, '\\$&')}`);

async function open(page: Page, title: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: exact(title) }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

test('the gallery lists the nine scenarios', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Site Recovery Sandbox');
  for (const title of SCENARIOS) await expect(page.getByRole('link', { name: exact(title) })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the gallery lists the recovery stories; one opens with its plan', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const stories = page.getByRole('region', { name: 'Recovery stories' }).getByRole('link');
  await expect(stories).toHaveCount(SCENARIOS.length + 1);
  await stories.filter({ hasText: 'A recovery plan' }).click();
  await expect(page).toHaveURL(/#\/story\/recovery-plan$/);
  await expect(page.getByRole('heading', { level: 2, name: 'VMware VMs to Azure' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(errors).toEqual([]);
});

for (const title of SCENARIOS) {
  test(`${title}: plays from the worker and shows RPO and recovery points`, async ({ page }) => {
    const errors = watchErrors(page);
    await open(page, title);
    // A protected machine with an RPO, and recovery points with the age of the newest, as the table
    // showed them while playing (cells are tab-separated); the RPO chart draws it.
    const rows = await playUntilProtected(page, '5');
    expect(rows.some((r) => /^\S+\tprotected\t[^\t]+\t\d+ (s|min|h|d)[^\t]*\t[1-9]\d*\s+· newest \d+ (s|min|h|d)/.test(r)), rows.join('\n')).toBe(true);
    // (A flat line has no height, so it is counted, not checked for visibility.)
    await showChart(page, 'RPO');
    await expect(page.getByRole('figure', { name: /^RPO per machine/ }).locator('path.line')).not.toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

test('a link fault shows on the link, pushes RPO past the threshold, and clearing it recovers', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'Hyper-V VMs to Azure (no VMM)');
  await playUntilProtected(page, '4');
  // 10:30: every machine is protected and the story's own link fault (from 11:00) has not begun.
  await seekTo(page, 2.5 * 3600);
  await page.getByRole('button', { name: /^Link uplink/ }).click();
  const inspector = page.getByRole('region', { name: 'Link uplink' });
  await inspector.getByLabel('For').selectOption({ label: 'until I clear it' });
  await inspector.getByRole('button', { name: 'Take the link down…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('It lasts until you clear it.');
  await dialog.getByRole('button', { name: 'Inject' }).click();
  await expect(page.getByRole('button', { name: /^Link uplink: critical/ })).toBeVisible();
  await showTab(page, 'Events');
  await expect(page.locator('ol.log')).toContainText('Fault: link down on uplink');
  await showTab(page, 'Machines');
  // The statechart of the link is lit at "down".
  await expect(inspector.getByRole('img', { name: /Link statechart, now in down/ })).toBeVisible();
  // With nothing getting through, RPO passes the 15 min threshold and machines turn unhealthy.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('tbody tr').filter({ hasText: /Critical|Warning/ }).first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await inspector.getByRole('button', { name: 'Clear' }).click();
  await showTab(page, 'Events');
  await expect(page.locator('ol.log')).toContainText('Cleared: link down on uplink');
  await showTab(page, 'Machines');
  await expect(page.getByRole('button', { name: /^Link uplink: healthy/ })).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(async () => {
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.filter((r) => /Healthy/.test(r)).length).toBeGreaterThan(0);
  }).toPass({ timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('screenshots of the gallery and a running scenario, light and dark, wide and narrow', async ({ page }) => {
  await eachView(page, async (scheme, w) => {
    await page.goto('/');
    await expect(page.getByRole('link').first()).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/gallery-${scheme}-${w}.png`, fullPage: true });
    await open(page, 'VMware VMs to Azure');
    await playUntilProtected(page, '4.5');
    await page.screenshot({ path: `test-results/screenshots/sandbox-${scheme}-${w}.png`, fullPage: true });
  });
});
