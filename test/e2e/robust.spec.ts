// Hostile files and a worker that stops answering, in a real Chromium on the production build: a
// file or link nested thousands of levels deep is named as what it is (it used to leave the page on
// "Loading..." or throw out of postMessage); a foreign base64 link is not taken for a cut one; a
// worker that ends without an error event, or hangs, is noticed within its deadline, started again
// with the session put back, and the page goes on playing.
import { expect, test, type Page } from '@playwright/test';
import { encodeShare } from '../../src/app/share';
import { seekTo, watchErrors } from './page';

test.use({ viewport: { width: 1280, height: 720 } });

/** A file with an unknown key nested `depth` levels deep, as text (JSON.stringify itself runs out of stack far sooner). */
const deepText = (depth: number): string => `{"scenario":"vmware-to-azure","extra":${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}}`;

async function choose(page: Page, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open a scenario file…' }).click()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a file nested thousands of levels deep is named as what it is, chosen or by link', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  for (const depth of [2000, 5000]) {
    await choose(page, `deep-${depth}.json`, deepText(depth));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`deep-${depth}.json is not a scenario file: $.extra.x.x`);
    await expect(alert).toContainText('nests more than 64 levels deep');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
  // The same by link: the page says so instead of staying on "Opening…".
  await page.goto(`/#/file/${await encodeShare(JSON.parse(deepText(2000)) as Record<string, unknown>, 0)}`);
  await expect(page.getByRole('alert')).toContainText('This share link cannot be opened');
  await expect(page.getByRole('alert')).toContainText('nests more than 64 levels deep');
  // The gallery still works.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('link', { name: /^VMware VMs to Azure/ }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('base64 text that is not a link of this sandbox says so', async ({ page }) => {
  const foreign = Buffer.from('{"kind":"some other app","payload":"a link of something else entirely, in base64"}').toString('base64url');
  await page.goto(`/#/file/${foreign}`);
  await expect(page.getByRole('alert')).toContainText('This is not a share link of this sandbox');
});

for (const how of ['ends without an error', 'stops answering'] as const) {
  test(`a worker that ${how} is noticed, started again with the session, and the page plays on`, async ({ page }) => {
    const errors = watchErrors(page);
    // Deadlines of 2 s instead of 15 s and 90 s, so the test need not wait for the real ones.
    await page.goto('/?test-hooks&deadline=2000#/scenario/vmware-to-azure');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await seekTo(page, 3 * 3600);
    const clock = 'Mon 3 Mar 11:00';
    await expect(page.locator('.clock .date')).toHaveText(clock);
    await page.evaluate((kind) => {
      const s = (globalThis as unknown as { __sandbox: { closeForTest(): void; hangForTest(): void } }).__sandbox;
      if (kind === 'ends without an error') s.closeForTest();
      else s.hangForTest();
    }, how);
    // Nobody clicks anything: the heartbeat finds it.
    await expect(page.getByRole('status').filter({ hasText: 'did not answer for 2 s; it was restarted and the session restored' })).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('.clock .date')).toHaveText(clock);
    // It plays on from there.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.locator('.clock .date')).not.toHaveText(clock);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(errors).toEqual([]);
  });
}
