// Recovery plans in a real Chromium: the plan story's test run waits for its manual action with a
// prompt, continues when told to, and shows the RTO the engine measures for the same actions; a
// plan drawn up with the keyboard alone runs and shows on its timeline; a plan dragged together in
// the physical-server scenario shows why it cannot fail over planned; screenshots for review.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { eachView, pause, seekTo, showTab, watchErrors } from './page';
import { createSimulation } from '../../src/engine/index';
import type { PlanRun } from '../../src/engine/recovery/plans';
import { exactDuration, rtoText } from '../../src/app/sandbox/recovery/plansText';
import { moment } from '../../src/app/format';

const DNS = 'Switch the public DNS record to the Azure load balancer';
const planFile = JSON.parse(readFileSync(new URL('../../public/scenarios/recovery/recovery-plan.json', import.meta.url), 'utf8')) as Record<string, unknown>;

async function open(page: Page, id: string): Promise<void> {
  // A fresh page each time: going to the same address with a hash only would keep the page as it is.
  await page.goto('about:blank');
  await page.goto(`/?test-hooks#/scenario/${id}`);
  await showTab(page, 'Plans');
  await expect(page.getByRole('heading', { level: 3, name: 'Recovery plans' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

/** The plans of the engine's report for a scenario file, run to its end in Node. */
function reportedRuns(file: unknown): PlanRun[] {
  return createSimulation(file).run().plans as PlanRun[];
}

/** Presses Tab (or Shift+Tab) until the target has the focus: the keyboard way to reach it. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await target.evaluate((el) => el.matches(':focus'))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target.toString()}`);
}

const planCard = (page: Page, name: string) => page.getByRole('article', { name });
const prompt = (page: Page) => page.getByRole('alertdialog', { name: `Waiting for input: ${DNS}` });

test('a recovery plan with a manual action: the prompt appears, the plan waits, resumes, RTO shown', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'recovery/recovery-plan');
  const card = planCard(page, 'erp-dr');
  // Fast to the plan (created at 2 h), then to just before the test run waits (at 4h13m).
  await page.getByLabel('Speed').fill('3.5');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(card).toBeVisible({ timeout: 20_000 });
  await pause(page);
  await seekTo(page, 4 * 3600 + 11 * 60);
  await expect(card.getByText('Test failover: In progress')).toBeVisible();
  const figure = page.getByRole('figure', { name: 'Test failover of erp-dr over time' });
  await expect(figure.getByRole('listitem').filter({ hasText: 'Group 1 boots: dc-01' })).toContainText('done');
  // Played slowly from here (30 s a second), the wait lasts long enough to answer it.
  await page.getByLabel('Speed').fill('1.5');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(prompt(page)).toBeVisible({ timeout: 20_000 });
  await pause(page);
  await expect(card.getByText('Test failover: Waiting for input')).toBeVisible();
  await expect(figure.getByRole('listitem').filter({ hasText: `Manual action: ${DNS}` })).toContainText('waiting for input');
  await expect(figure.getByRole('listitem').filter({ hasText: 'Group 3 boots: web-01, web-02' })).toContainText('not started');
  // Nothing moves while paused: the plan keeps waiting.
  await expect(prompt(page)).toBeVisible();

  await prompt(page).getByRole('button', { name: 'Done: continue the plan' }).click();
  await expect(prompt(page)).toBeHidden();
  await expect(card.getByRole('status')).toHaveText('Plan erp-dr continues.');
  const file = await page.evaluate(() => (globalThis as unknown as { __sandbox: { currentFile(): unknown } }).__sandbox.currentFile());
  const steps = (file as { steps: Array<Record<string, unknown>> }).steps;
  expect(steps.at(-1)).toMatchObject({ do: 'resume', plan: 'erp-dr' });

  // The rest of the run: group 3 boots (13 minutes for Linux VMs in Azure), then it is done.
  await page.getByLabel('Speed').fill('2.5');
  await page.getByRole('button', { name: 'Play' }).click();
  const rto = figure.getByText(/^RTO /);
  await expect(rto).toBeVisible({ timeout: 20_000 });
  await pause(page);
  const expected = reportedRuns(file).find((r) => r.plan === 'erp-dr' && r.type === 'test')!;
  // The page's resume counted, not the file's own at 4h35m.
  expect(expected.actions.find((a) => a.type === 'manual')!.end).toBeLessThan(4 * 3600 + 35 * 60);
  expect(expected.rtoSeconds).not.toBe(2880);
  await expect(rto).toHaveText(rtoText(expected.rtoSeconds!));
  test.info().annotations.push({ type: 'measured', description: `resumed at ${String(steps.at(-1)!.at)}: ${rtoText(expected.rtoSeconds!)}` });
  await expect(card.getByText('Test failover: Succeeded')).toBeVisible();
  // Test copies lose nothing.
  const table = figure.getByRole('table', { name: 'What each machine recovered to' });
  await expect(table.getByRole('row')).toHaveCount(6);
  const web = table.getByRole('row', { name: /^web-01/ }).getByRole('cell');
  await expect(web).toHaveText([/^made at/, 'none', '0', exactDuration(expected.machines.find((m) => m.id === 'web-01')!.rtoSeconds!)]);
  expect(errors).toEqual([]);
});

test("the file's own resume: the unplanned run's RTO and data loss are the engine's", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'recovery/recovery-plan');
  await page.getByLabel('Speed').fill('4');
  await page.getByRole('button', { name: 'Play' }).click();
  const figure = page.getByRole('figure', { name: 'Unplanned failover of erp-dr over time' });
  await expect(figure.getByText(/^RTO /)).toBeVisible({ timeout: 30_000 });
  await pause(page);
  const expected = reportedRuns(planFile).find((r) => r.type === 'unplanned')!;
  await expect(figure.getByText(/^RTO /)).toHaveText(rtoText(expected.rtoSeconds!));
  expect(rtoText(expected.rtoSeconds!)).toBe('RTO 43 min');
  const table = figure.getByRole('table', { name: 'What each machine recovered to' });
  for (const m of expected.machines) await expect(table.getByRole('row', { name: new RegExp(`^${m.id}`) }).getByRole('cell').nth(1)).toHaveText(exactDuration(m.dataLossSeconds!));
  expect(errors).toEqual([]);
});

test('a plan made with the keyboard alone runs as a test and shows on its timeline', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'recovery/recovery-plan');
  // 6 h: the rehearsal of erp-dr is cleaned up, every machine is protected.
  await seekTo(page, 6 * 3600);
  await expect(planCard(page, 'erp-dr')).toBeVisible();

  const name = page.getByRole('textbox', { name: 'Plan name' });
  await tabTo(page, name);
  await page.keyboard.type('web-drill');
  const groupOf = (id: string) => page.getByRole('combobox', { name: `Group for ${id}` });
  // A machine's menu moves it; the focus stays on its menu in its new place.
  await tabTo(page, groupOf('web-02'));
  await page.keyboard.press('ArrowDown');
  await expect(groupOf('web-02')).toHaveValue('0');
  await expect(groupOf('web-02')).toBeFocused();
  await tabTo(page, groupOf('web-01'), 'Shift+Tab');
  await page.keyboard.press('ArrowDown');
  await expect(groupOf('web-01')).toHaveValue('0');
  await tabTo(page, page.getByRole('button', { name: 'Add a group' }));
  await page.keyboard.press('Enter');
  await tabTo(page, groupOf('dc-01'), 'Shift+Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(groupOf('dc-01')).toHaveValue('1');
  await tabTo(page, page.getByRole('button', { name: 'Add an action after group 1 boots' }));
  await page.keyboard.press('Enter');
  const action = page.getByRole('group', { name: 'Group 1, action 1 after it boots' });
  await expect(action.getByRole('combobox', { name: 'Type' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(action.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await page.keyboard.type('Check that the web servers answer');
  await page.keyboard.press('Tab');
  await expect(action.getByRole('textbox', { name: 'Takes' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2m');
  await tabTo(page, page.getByRole('button', { name: 'Create plan' }));
  await page.keyboard.press('Enter');

  const card = planCard(page, 'web-drill');
  await expect(card).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Plan web-drill created at ${moment(6 * 3600, '2025-03-03T08:00')}` })).toBeVisible();
  await expect(card.getByRole('listitem').first()).toHaveText(/^Group 1: web-01, web-02\s*After boot: script “Check that the web servers answer” \(2 min\)$/);
  await tabTo(page, card.getByRole('button', { name: 'Test failover', exact: true }));
  await page.keyboard.press('Enter');
  await expect(card.getByRole('status')).toHaveText(new RegExp(`^Test failover of web-drill started at ${moment(6 * 3600, '2025-03-03T08:00')}\\b`));
  await tabTo(page, page.getByRole('button', { name: 'Play' }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  const figure = page.getByRole('figure', { name: 'Test failover of web-drill over time' });
  await expect(figure.getByText(/^RTO /)).toBeVisible({ timeout: 20_000 });
  await pause(page);
  const rows = figure.getByRole('list').first().getByRole('listitem');
  await expect(rows).toHaveText([/^Test copies of every machine/, /^Group 1 boots: web-01, web-02 ✓ done/, /^Script: Check that the web servers answer ✓ done, \+13 min, 2 min\s*$/, /^Group 2 boots: dc-01 ✓ done/]);
  // The same plan, run by the engine from the page's file, measures the same RTO.
  const file = await page.evaluate(() => (globalThis as unknown as { __sandbox: { currentFile(): unknown } }).__sandbox.currentFile());
  const expected = reportedRuns(file).find((r) => r.plan === 'web-drill')!;
  await expect(figure.getByText(/^RTO /)).toHaveText(rtoText(expected.rtoSeconds!));

  const { violations } = await new AxeBuilder({ page }).include('div.plans').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(errors).toEqual([]);
});

test('physical servers: a plan dragged together cannot fail over planned, and says why', async ({ page }) => {
  const errors = watchErrors(page);
  // The page in its flowing layout (a narrow window), where the editor's chips and its first group
  // are on screen together for the drag.
  await page.setViewportSize({ width: 900, height: 1200 });
  await open(page, 'physical-to-azure');
  const editor = page.getByRole('form', { name: 'New recovery plan' });
  await expect(page.getByText('No recovery plan yet.')).toBeVisible();
  // Checked before the engine sees it: each problem next to its field.
  await editor.getByRole('button', { name: 'Create plan' }).click();
  await expect(editor.getByText('Give the plan a name')).toBeVisible();
  await expect(editor.getByText('Group 1 has no machine: move a machine into it, or remove the group.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Plan name' })).toBeFocused();

  await page.getByRole('textbox', { name: 'Plan name' }).fill('servers');
  const group1 = editor.getByRole('listitem', { name: /^Group 1/ });
  // Dragged by the grip at the chip's left end (its menu fills the rest).
  for (const id of ['dc-01', 'file-01']) await editor.getByRole('listitem').filter({ hasText: id }).filter({ has: page.getByRole('combobox') }).first().dragTo(group1, { sourcePosition: { x: 8, y: 10 } });
  await expect(page.getByRole('combobox', { name: 'Group for dc-01' })).toHaveValue('0');
  await expect(page.getByRole('combobox', { name: 'Group for file-01' })).toHaveValue('0');
  await editor.getByRole('button', { name: 'Create plan' }).click();
  const card = planCard(page, 'servers');
  await expect(card).toBeVisible();

  const planned = card.getByRole('button', { name: 'Planned failover', exact: true });
  await expect(planned).toHaveAttribute('aria-disabled', 'true');
  await expect(planned).toHaveAccessibleDescription('Planned failover is not available in this scenario: planned failover is not supported for physical servers. Run an unplanned failover instead.');
  // aria-disabled keeps it reachable: pressing it says why again, next to it.
  await planned.focus();
  await page.keyboard.press('Enter');
  await expect(card.getByRole('alert')).toHaveText('Not possible now: A planned failover is not available in this scenario: planned failover is not supported for physical servers. Run an unplanned failover instead.');
  // The engine's own refusals show next to the button too, with what to do first.
  await card.getByRole('button', { name: 'Test failover', exact: true }).click();
  await expect(card.getByRole('alert')).toHaveText(/^Not possible now: .*(protect|replicat)/i);
  test.info().annotations.push({ type: 'refused', description: (await card.getByRole('alert').textContent()) ?? '' });
  await card.getByRole('button', { name: 'Clean up test failover' }).click();
  await expect(card.getByRole('alert').last()).toHaveText('Not possible now: no machine of plan servers has a test copy to clean up');
  expect(errors).toEqual([]);
});

test('screenshots of a plan run: waiting for input and done, light and dark, wide and narrow', async ({ page }) => {
  await eachView(page, async (scheme, w) => {
    await open(page, 'recovery/recovery-plan');
    await seekTo(page, 4 * 3600 + 25 * 60);
    await expect(prompt(page)).toBeVisible();
    const card = planCard(page, 'erp-dr');
    await card.getByRole('figure').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/plans-waiting-${scheme}-${w}.png` });
    await seekTo(page, 5 * 3600);
    await expect(card.getByRole('figure').getByText('RTO 48 min')).toBeVisible();
    await card.screenshot({ path: `test-results/screenshots/plans-run-${scheme}-${w}.png` });
    // The editor with a plan half drawn up: two groups, an action each side, a problem shown.
    const editor = page.getByRole('form', { name: 'New recovery plan' });
    await editor.getByRole('textbox', { name: 'Plan name' }).fill('web-drill');
    await editor.getByRole('combobox', { name: 'Group for app-01' }).selectOption({ label: 'Group 1' });
    await editor.getByRole('button', { name: 'Add a group' }).click();
    await editor.getByRole('combobox', { name: 'Group for web-01' }).selectOption({ label: 'Group 2' });
    await editor.getByRole('button', { name: 'Add an action after group 1 boots' }).click();
    await editor.getByRole('group', { name: 'Group 1, action 1 after it boots' }).getByRole('textbox', { name: 'Name' }).fill('Check the ERP answers');
    await editor.getByRole('button', { name: 'Add an action before group 2 boots' }).click();
    await editor.getByRole('group', { name: 'Group 2, action 1 before it boots' }).getByRole('combobox', { name: 'Type' }).selectOption('manual');
    await editor.getByRole('button', { name: 'Create plan' }).click();
    await expect(editor.getByText('Say what this action does (1 to 80 characters).')).toBeVisible();
    await editor.screenshot({ path: `test-results/screenshots/plans-editor-${scheme}-${w}.png` });
  });
});
