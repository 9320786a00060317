// The sandbox's tools in a real Chromium: the inspector with its statecharts and faults, the
// settings editors with the engine's messages next to the field, the fidelity notes, zoom, the
// shortcuts list, and the main flow by keyboard only.
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './page';

async function openScenario(page: Page, id: string): Promise<void> {
  await page.goto(`/#/scenario/${id}`);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

/** Plays at the given speed (log10 of simulated seconds per second) until the test says stop. */
async function playUntil(page: Page, speedExp: string, done: () => Promise<boolean>): Promise<void> {
  await page.getByLabel('Speed').fill(speedExp);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(async () => expect(await done()).toBe(true)).toPass({ timeout: 20_000 });
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.isVisible()) await pause.click();
}

test('the inspector draws a machine’s statechart with its state lit, and follows it live', async ({ page }) => {
  const errors = watchErrors(page);
  await openScenario(page, 'vmware-to-azure');
  await page.getByRole('button', { name: 'sql-01', exact: true }).click();
  const inspector = page.getByRole('region', { name: 'sql-01' });
  await expect(inspector.getByRole('img', { name: /Replication statechart, now in unprotected/ })).toBeVisible();
  await expect(inspector.getByRole('list', { name: /Replication: events it can take now/ })).toContainText('protection.enable');
  await playUntil(page, '4', async () => /\tprotected\t/.test(await page.locator('tbody tr').filter({ hasText: 'sql-01' }).innerText()));
  await expect(inspector.getByRole('img', { name: /Replication statechart, now in replicating › / })).toBeVisible();
  // The lit box is the active state, drawn from the same machine.
  await expect(inspector.locator('rect.state.on')).not.toHaveCount(0);
  await expect(inspector.getByText('Recovery points', { exact: true })).toBeVisible();
  // A fault that does not apply to a machine says why, in the engine's words.
  await inspector.getByText(/Faults not possible here now/).click();
  await expect(inspector).toContainText('targets a replication link');
  await inspector.getByRole('button', { name: 'Close the inspector' }).click();
  await expect(inspector).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('settings: the engine’s message shows next to the field; applying replays with the new policy', async ({ page }) => {
  const errors = watchErrors(page);
  await openScenario(page, 'hyperv-to-azure');
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const rpo = dialog.getByLabel('RPO threshold');
  await rpo.fill('2x');
  await expect(dialog.getByText('"2x" is not a duration')).toBeVisible();
  await expect(rpo).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Apply from the start' })).toBeDisabled();
  await rpo.fill('30m');
  await expect(rpo).toHaveAttribute('aria-invalid', 'false');
  await dialog.getByRole('tab', { name: 'Machines' }).click();
  await dialog.getByLabel('Write rate (MB/s)').first().fill('99');
  await expect(dialog.getByText('99 is out of range: allowed 0 to 54')).toBeVisible();
  await dialog.getByLabel('Write rate (MB/s)').first().fill('2');
  await expect(dialog.getByRole('button', { name: 'Apply from the start' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Apply from the start' }).click();
  await expect(page.getByText(/^Settings applied: the scenario replayed/)).toBeVisible();
  // The RPO chart's threshold line now says 30 min, from the new file.
  await expect(page.getByRole('figure', { name: 'RPO per machine against the 30 min threshold' })).toBeVisible();
  // The share link carries the new settings.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(dialog.getByLabel('RPO threshold')).toHaveValue('30m');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(errors).toEqual([]);
});

test('fidelity notes list every invented figure with its source, and an edited figure is checked', async ({ page }) => {
  await openScenario(page, 'vmware-to-azure');
  await page.getByRole('button', { name: 'Fidelity notes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('tab', { name: 'Fidelity notes' })).toHaveAttribute('aria-selected', 'true');
  const rows = dialog.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(20);
  await expect(dialog.locator('tbody tr').filter({ hasText: 'Process server cache' })).toContainText('BEYOND.md');
  await expect(dialog.locator('.tag.invented').first()).toBeVisible();
  const cache = dialog.getByLabel('Process server cache in GiB');
  await cache.fill('0');
  await expect(dialog.getByText(/0 is out of range/)).toBeVisible();
  await cache.fill('600');
  await expect(dialog.getByRole('button', { name: 'Reset to 300' })).toBeVisible();
});

test('zoom buttons scale the topology and Fit puts it back', async ({ page }) => {
  await openScenario(page, 'vmware-to-azure');
  const group = page.locator('svg.topology > g').first();
  await expect(group).toHaveAttribute('transform', 'translate(0,0) scale(1)');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(group).toHaveAttribute('transform', /scale\(1\.3\)/);
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(group).toHaveAttribute('transform', 'translate(0,0) scale(1)');
});

test('keyboard only: open a scenario, play, inspect a link, inject and clear a fault, see the shortcuts', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const card = page.getByRole('link', { name: /^Hyper-V VMs to Azure \(no VMM\)/ });
  await expect(card).toBeVisible();
  // Tab to the card and open it with Enter.
  for (let i = 0; i < 40 && !(await card.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  for (let i = 0; i < 8; i++) await page.keyboard.press('+');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(async () => expect(await page.locator('tbody tr').filter({ hasText: /protected/ }).count()).toBeGreaterThan(0)).toPass({ timeout: 20_000 });
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // Home, then two hours on: 10:00, a machine protected and the story's link fault (11:00) not begun.
  const time = page.locator('.timeline output');
  await page.keyboard.press('Home');
  await expect(time).toHaveText(/^0 s of /);
  await page.keyboard.press(']');
  await expect(time).toHaveText(/^1 h of /);
  await page.keyboard.press(']');
  await expect(time).toHaveText(/^2 h of /);
  // The uplink in the drawing is a button: focus it by Tab and open its inspector.
  const link = page.getByRole('button', { name: /^Link uplink:/ }).first();
  for (let i = 0; i < 60 && !(await link.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('region', { name: 'Link uplink' });
  await expect(inspector).toBeVisible();
  const fault = inspector.getByRole('button', { name: 'Take the link down…' });
  for (let i = 0; i < 60 && !(await fault.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // The confirmation has the focus on its Inject button.
  await page.keyboard.press('Enter');
  await eventsByKeyboard(page);
  await expect(page.locator('ol.log')).toContainText('Fault: link down on uplink');
  const clear = inspector.getByRole('button', { name: 'Clear' });
  await expect(clear).toBeVisible();
  for (let i = 0; i < 60 && !(await clear.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('ol.log')).toContainText('Cleared: link down on uplink');
  expect(errors).toEqual([]);
});

/** Shows the Events tab with the keyboard: Tab to the tab list (its selected tab), then arrows to Events. */
async function eventsByKeyboard(page: Page): Promise<void> {
  const selected = page.getByRole('tab', { selected: true });
  for (let i = 0; i < 80 && !(await selected.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
  const events = page.getByRole('tab', { name: 'Events', exact: true });
  for (let i = 0; i < 8 && (await events.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowRight');
  await expect(events).toHaveAttribute('aria-selected', 'true');
  await expect(events).toBeFocused();
}
