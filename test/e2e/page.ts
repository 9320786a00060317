// What the browser tests do on the sandbox page again and again: collect the page's errors, play
// until a machine is protected, move the time slider, pause.
import { expect, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions of the page, collected as they come. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The page's workers in the order they started, each marked once it has ended. */
export function watchWorkers(page: Page): Array<{ closed: boolean }> {
  const workers: Array<{ closed: boolean }> = [];
  page.on('worker', (w) => {
    const entry = { closed: false };
    workers.push(entry);
    w.on('close', () => (entry.closed = true));
  });
  return workers;
}

/** Plays at a speed (log10 of simulated seconds per second) until a machine is protected with recovery points, then pauses; gives the table's rows (tab-separated cells) as they were then. */
export async function playUntilProtected(page: Page, speedExp = '4'): Promise<string[]> {
  await page.getByLabel('Speed').fill(speedExp);
  await page.getByRole('button', { name: 'Play' }).click();
  let seen: string[] = [];
  await expect(async () => {
    seen = await page.locator('tbody tr').allInnerTexts();
    expect(seen.some((t) => /\tprotected\t/.test(t) && /· newest/.test(t))).toBe(true);
  }).toPass({ timeout: 20_000 });
  // A short scenario may already have played to its end.
  await pause(page);
  // The machines table as it was when a machine was protected (playing on may have changed it since).
  return seen;
}

/** Moves the time slider to a simulated moment (seconds), as a person dragging it would. */
export async function seekTo(page: Page, seconds: number): Promise<void> {
  const slider = page.getByRole('slider', { name: /^Time/ });
  await slider.fill(String(seconds));
  await expect(slider).toHaveValue(String(seconds));
}

/** Pauses if playing; either way the Play button (or Play again, at the end of the run) shows after. */
export async function pause(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Pause' });
  // The run may reach its end between seeing Pause and clicking it: then it has stopped by itself.
  if (await button.isVisible()) await button.click({ timeout: 2_000 }).catch(() => undefined);
  await expect(page.getByRole('button', { name: /^Play( again)?$/ })).toBeVisible();
}

/** The screen sizes the page is looked at in: a projector, a laptop and a phone. */
export const SCREENS = [
  [1920, 1080],
  [1280, 720],
  [390, 844]
] as const;

/** Runs a test's screenshots in each colour scheme at a projector's and a phone's size. */
export async function eachView(page: Page, shoot: (scheme: 'light' | 'dark', width: number) => Promise<void>): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1280, 720],
      [390, 844]
    ] as const) {
      await page.setViewportSize({ width, height });
      await shoot(scheme, width);
    }
  }
}

/** The chart deck's choices of the group of chart buttons (in either language). */
const deckChoices = (page: Page) => page.locator('.panel.charts .choices');

/** The chart deck's choices by their button text (its first, Auto, left out), in the order it offers them. */
export async function chartChoices(page: Page): Promise<string[]> {
  const texts = await deckChoices(page).getByRole('button').allInnerTexts();
  return texts.slice(1).map((t) => t.trim());
}

/** Shows one chart in the chart deck (by its button's text), as a person choosing it would. */
export async function showChart(page: Page, name: string): Promise<void> {
  const button = deckChoices(page).getByRole('button', { name, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

/** Shows one of the panels beside the topology (Machines, Plans, Jobs, Events, Story). */
export async function showTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}
