// The page in two languages, in a real Chromium: switching to Dutch changes the texts in place
// (no reload: the simulation, its moment and its speed stay), the engine's events read in Dutch,
// the choice is kept for the next visit, and back to English everything reads as before.
import { expect, test } from '@playwright/test';
import { seekTo, watchErrors } from './page';

test('switching language changes the texts in place and keeps the simulation where it was', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/scenario/vmware-to-azure');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await seekTo(page, 6 * 3600);
  const slider = page.getByRole('slider', { name: /^Time/ });
  const at = await slider.inputValue();
  const speed = await page.locator('.speed input').inputValue();
  await expect(page.locator('.clock .date')).toHaveText('Mon 3 Mar 14:00');
  await page.getByRole('tab', { name: 'Events', exact: true }).click();
  const englishEvent = await page.locator('.log li').first().innerText();
  // A marker on the page: a reload would lose it.
  await page.evaluate(() => ((globalThis as unknown as { __stayed: boolean }).__stayed = true));

  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('button', { name: 'Afspelen' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Logboek' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Taken' })).toBeVisible();
  await expect(page.locator('.clock .date')).toHaveText('ma 3 mrt 14:00');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText("VMware-VM's naar Azure");
  // The engine's events in Dutch, the same moment and speed, and no reload.
  await expect(page.locator('.log li').first()).not.toHaveText(englishEvent);
  await expect(page.getByRole('slider', { name: /^Tijd/ })).toHaveValue(at);
  expect(await page.locator('.speed input').inputValue()).toBe(speed);
  expect(await page.evaluate(() => (globalThis as unknown as { __stayed?: boolean }).__stayed)).toBe(true);

  // Kept for the next visit.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Afspelen' })).toBeVisible();
  await page.getByRole('group', { name: 'Taal' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('tab', { name: 'Events' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the gallery and an unknown address in Dutch', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('PARAGLIDE_LOCALE', 'nl'));
  await page.goto('/#/nergens');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('alert')).toContainText('Op dit adres staat geen pagina');
  await expect(page.getByRole('alert')).toContainText('deze pagina heeft geen adres "nergens"');
  await expect(page.getByRole('heading', { name: "Scenario's" })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Fysieke servers naar Azure/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Herstelverhalen' })).toBeVisible();
  expect(errors).toEqual([]);
});
