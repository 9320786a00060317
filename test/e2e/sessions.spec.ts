// Two sandboxes side by side in one page (the test page ?test-hooks&pair), each with its own
// client, worker and session: they play apart, and a crash of one worker restores that sandbox
// only. Leaving the page's sandbox closes its session and ends its worker.
import { expect, test, type Page } from '@playwright/test';
import { watchErrors, watchWorkers } from './page';

type Hooks = { __sandboxes: Array<{ id: string; crashForTest(): void; sessionsForTest(): Promise<string[]> }> };

const clocks = (page: Page) => page.locator('.clock');
const sandboxes = (page: Page) => page.evaluate(() => (globalThis as unknown as Hooks).__sandboxes.map((s) => s.id));

test('two sandboxes in one page run apart, and a crash restores only the one that crashed', async ({ page }) => {
  const errors = watchErrors(page);
  const workers = watchWorkers(page);
  await page.goto('/?test-hooks&pair#/scenario/vmware-to-azure');
  const play = page.getByRole('button', { name: 'Play' });
  await expect(play).toHaveCount(2);
  await expect.poll(() => sandboxes(page)).toHaveLength(2);
  const ids = await sandboxes(page);
  expect(new Set(ids).size).toBe(2);
  // Each client's worker holds its own session and no other.
  const held = await page.evaluate(() => Promise.all((globalThis as unknown as Hooks).__sandboxes.map((s) => s.sessionsForTest())));
  expect(held).toEqual(ids.map((id) => [id]));

  const start = await clocks(page).nth(1).innerText();
  await play.first().click();
  await expect(clocks(page).first()).not.toHaveText(start);
  await page.getByRole('button', { name: 'Pause' }).click();
  // Paused for good once both read Play again (a frame on its way may still move the clock before).
  await expect(play).toHaveCount(2);
  // The second did not move.
  await expect(clocks(page).nth(1)).toHaveText(start);
  const first = await clocks(page).first().innerText();

  // The second sandbox's worker crashes: it is restarted and says so; the first is untouched.
  await page.evaluate(() => (globalThis as unknown as Hooks).__sandboxes[1]!.crashForTest());
  const restarted = page.getByRole('status').filter({ hasText: 'restarted' });
  await expect(restarted).toHaveCount(1);
  const notices = await page.locator('.pair > *').evaluateAll((els) => els.map((el) => /restarted/.test(el.textContent ?? '')));
  expect(notices).toEqual([false, true]);
  await expect(clocks(page).first()).toHaveText(first);
  await expect(clocks(page).nth(1)).toHaveText(start);
  // Three workers before (the shared one and each sandbox's) and the crashed one's replacement; only the crashed one ended.
  await expect.poll(() => [workers.length, workers.filter((w) => w.closed).length]).toEqual([4, 1]);
  // Both still play.
  await play.nth(1).click();
  await expect(clocks(page).nth(1)).not.toHaveText(start);
  expect(errors.filter((e) => !/made to crash by a test/.test(e))).toEqual([]);
});

test('leaving a sandbox closes its session and ends its worker', async ({ page }) => {
  const errors = watchErrors(page);
  const workers = watchWorkers(page);
  await page.goto('/?test-hooks#/scenario/hyperv-to-azure');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect.poll(() => workers.length).toBe(2);
  await page.getByRole('button', { name: '← Scenarios' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Site Recovery Sandbox');
  await expect.poll(() => workers.map((w) => w.closed)).toEqual([false, true]);
  await expect.poll(() => sandboxes(page)).toEqual([]);
  expect(errors).toEqual([]);
});
