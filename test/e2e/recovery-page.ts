// A driver for the sandbox page's recovery UI in browser tests: opens a scenario file by a share
// link with the test hooks, plays until something is shown, presses a machine's recovery buttons,
// reads the failover records the page shows, and runs the page's own file in the engine (in Node)
// to compare the page with the engine's report for the same file.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { duration, moment, words } from '../../src/app/format';
import { lossText } from '../../src/app/sandbox/recovery/clock';
import { encodeShare, FILE_ROUTE } from '../../src/app/share';
import { createSimulation, type Report } from '../../src/engine/index';

export type ScenarioFile = Record<string, unknown> & { steps?: Array<Record<string, unknown>> };
export type FailoverRecord = Report['failovers'][number];

export const SHOTS = 'test-results/screenshots';
/** The speed slider's value (log10 of simulated seconds per second): about 2 h 47 min per second. */
const SPEED = '4';

export interface MachineSpec {
  id: string;
  host?: string;
  os?: 'windows' | 'linux';
  writeMBps: number;
  sizeGiB: number;
}

/** A small file with no steps: nothing is protected until the page enables replication. */
export function smallFile(scenario: string, seed: number, machines: MachineSpec[]): ScenarioFile {
  return {
    scenario,
    seed,
    until: '2d',
    machines: machines.map((m) => ({
      id: m.id,
      ...(m.host ? { host: m.host } : {}),
      ...(m.os ? { os: m.os } : {}),
      writeMBps: m.writeMBps,
      disks: [{ id: 'os', sizeGiB: m.sizeGiB }]
    }))
  };
}

export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Opens the file by a share link at its start, with `window.__sandbox` exposed. */
export async function openFile(page: Page, file: ScenarioFile, title: string): Promise<void> {
  await page.goto(`/?test-hooks${FILE_ROUTE}${await encodeShare(file, 0)}`);
  await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
}

/** Plays fast until `check` passes, then pauses. (The files run for 2 days: playing never reaches the end here.) */
export async function playUntil(page: Page, check: () => Promise<void>, timeout = 30_000): Promise<void> {
  await page.getByLabel('Speed').fill(SPEED);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Playing, as the worker says, before the check: a check that already holds must not race it.
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await expect(pause).toBeVisible();
  await expect(check).toPass({ timeout });
  await pause.click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
}

export const recoveryRegion = (page: Page): Locator => page.getByRole('region', { name: 'Recovery', exact: true });

/** The Recovery panel's entry for one machine. */
export function card(page: Page, id: string): Locator {
  return recoveryRegion(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('group', { name: `Recovery actions for ${id}`, exact: true }) });
}

export const actions = (page: Page, id: string): Locator => card(page, id).getByRole('group', { name: `Recovery actions for ${id}`, exact: true });

/** Where the machine runs and its state, as its Recovery entry says. */
export async function expectMachine(page: Page, id: string, runs: string, state: string): Promise<void> {
  await expect(card(page, id).locator('.head .side')).toHaveText(runs);
  await expect(card(page, id).locator('.head .state')).toHaveText(state);
}

/** The same, as a check for `playUntil` (no waiting of its own). */
export function isMachine(page: Page, id: string, runs: string, state: string): () => Promise<void> {
  return async () => {
    expect(await card(page, id).locator('.head .side').innerText()).toBe(runs);
    expect(await card(page, id).locator('.head .state').innerText()).toBe(state);
  };
}

/** Presses one of the machine's recovery buttons; the engine must not refuse it. */
export async function press(page: Page, id: string, name: string): Promise<void> {
  const before = await stepCount(page);
  const button = actions(page, id).getByRole('button', { name, exact: true });
  try {
    await button.waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    throw new Error(`"${name}" is not offered for ${id}; the page offers ${JSON.stringify(await actions(page, id).getByRole('button').allInnerTexts())} and says why not the others: ${JSON.stringify(await refusedReasons(page, id))}`);
  }
  await button.click();
  await expect.poll(() => stepCount(page), { message: `"${name}" for ${id} adds a step to the file` }).toBe(before + 1);
  await expect(card(page, id).getByRole('alert'), `"${name}" for ${id} is not refused`).toHaveCount(0);
}

/** The engine's reasons for the actions the page does not offer the machine now, as listed under "Why the other actions are not offered". */
export async function refusedReasons(page: Page, id: string): Promise<string[]> {
  return card(page, id).locator('details.refused li').allTextContents();
}

/** The machine's protection in the machines table. */
export const tableProtection = (page: Page, id: string): Locator =>
  page.getByRole('row', { name: new RegExp(`^${id}\\b`) }).getByRole('cell').first();

/** Enables replication of a machine from its inspector (its name in the machines table). */
export async function enableReplication(page: Page, id: string): Promise<void> {
  await page.getByRole('row', { name: new RegExp(`^${id}\\b`) }).getByRole('button', { name: id, exact: true }).click();
  await expect(page.getByRole('heading', { level: 3, name: id, exact: true })).toBeVisible();
  const before = await stepCount(page);
  await page.getByRole('button', { name: 'Enable replication', exact: true }).click();
  await expect.poll(() => stepCount(page)).toBe(before + 1);
  await expect(tableProtection(page, id)).not.toHaveText('unprotected');
  await page.getByRole('button', { name: 'Close the inspector' }).click();
}

/** Site disaster… and Inject in the confirmation. */
export async function siteDisaster(page: Page): Promise<void> {
  const before = await stepCount(page);
  await recoveryRegion(page).getByRole('button', { name: 'Site disaster…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Take the site down: the primary site?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Inject', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(recoveryRegion(page).getByText('The primary site is down.')).toBeVisible();
  await expect(recoveryRegion(page).getByRole('button', { name: 'Bring the primary site back', exact: true })).toBeVisible();
  // The page's file has the step once the worker has answered (a frame can come first).
  await expect.poll(() => stepCount(page)).toBe(before + 1);
}

export async function bringSiteBack(page: Page): Promise<void> {
  const before = await stepCount(page);
  await recoveryRegion(page).getByRole('button', { name: 'Bring the primary site back', exact: true }).click();
  await expect(recoveryRegion(page).getByRole('button', { name: 'Site disaster…', exact: true })).toBeVisible();
  await expect(recoveryRegion(page).getByText('The primary site is down.')).toHaveCount(0);
  await expect.poll(() => stepCount(page)).toBe(before + 1);
}

/** The topology's node for where failed-over machines run (its accessible name says who runs there). */
export const failedOverNode = (page: Page): Locator => page.getByRole('img', { name: /^Failed-over machines: / });
export const testNetworkNode = (page: Page): Locator => page.getByRole('img', { name: /^Test network \(isolated\): / });

// ---- the page's file and the engine ------------------------------------------------------------

export async function currentFile(page: Page): Promise<ScenarioFile> {
  // (Page code as text: this file is type-checked without the DOM library.)
  return page.evaluate<ScenarioFile>('window.__sandbox.currentFile()');
}

/** How many steps the page's file holds (every action taken adds one, even a refused one). */
export async function stepCount(page: Page): Promise<number> {
  return page.evaluate<number>('window.__sandbox.currentFile()?.steps?.length ?? 0');
}

/** The page's file (every action taken, as steps) run to its end by the engine in Node. */
export async function engineRun(page: Page): Promise<{ file: ScenarioFile; report: Report }> {
  const file = await currentFile(page);
  return { file, report: createSimulation(file).run() };
}

/** The engine's latest record of that kind for the machine. */
export function latest(report: Report, machine: string, kind: FailoverRecord['kind']): FailoverRecord {
  const list = report.failovers.filter((f) => f.machine === machine && f.kind === kind);
  expect(list.length, `${kind} records of ${machine} in the engine's report`).toBeGreaterThan(0);
  return list[list.length - 1]!;
}

/** The machine's last failover or failback as the page shows it. */
export async function shownFailover(page: Page, id: string): Promise<{ text: string; loss: string; writes: number; rto: string }> {
  const text = await card(page, id).locator('div.record p').innerText();
  const loss = /Data lost: (.+?) \((\d+) writes\)/.exec(text);
  const rto = /RTO (.+?)\./.exec(text);
  expect(loss, `the data lost in "${text}"`).not.toBeNull();
  expect(rto, `the RTO in "${text}"`).not.toBeNull();
  return { text, loss: loss![1]!, writes: Number(loss![2]), rto: rto![1]! };
}

/** The page's record of the machine's last failover (or failback) says what the engine's report says. */
export async function expectFailoverAsEngine(page: Page, id: string, kind: 'failover' | 'failback'): Promise<FailoverRecord> {
  const { report } = await engineRun(page);
  const rec = latest(report, id, kind);
  expect(rec.state).toBe('succeeded');
  const shown = await shownFailover(page, id);
  expect({ loss: shown.loss, writes: shown.writes, rto: shown.rto }, `${kind} of ${id}: the page against the engine's report`).toEqual({
    loss: lossText(rec.dataLossSeconds!),
    writes: rec.writesLost,
    rto: duration(rec.rtoSeconds!)
  });
  test.info().annotations.push({ type: kind, description: `${id}: ${rec.recoveryPoint} point, data lost ${shown.loss} (${shown.writes} writes), RTO ${shown.rto}` });
  const what = kind === 'failback' ? 'failback' : `${words(rec.type)} failover`;
  expect(shown.text.toLowerCase()).toContain(`${what} at ${moment(rec.at, report.start).toLowerCase()}: succeeded`);
  if (rec.integrity) expect(shown.text).toContain(`Integrity ${rec.integrity}.`);
  return rec;
}

/** The drill record on the page says what the engine's report says. */
export async function expectDrillAsEngine(page: Page, id: string): Promise<void> {
  const { report } = await engineRun(page);
  const at = (t: number) => moment(t, report.start);
  const rec = latest(report, id, 'test');
  expect(rec.state).toBe('succeeded');
  expect(rec.cleanedUpAt).not.toBeNull();
  await expect(card(page, id).locator('p.record')).toHaveText(
    `Drill at ${at(rec.at)}: succeeded, point from ${at(rec.recoveryPointAt!)}, up in ${duration(rec.rtoSeconds!)}, integrity ${rec.integrity}; cleaned up at ${at(rec.cleanedUpAt!)}.`
  );
}

/** What a failover wizard row shows for one recovery point choice. */
export interface WizardRow {
  pointFrom: string;
  dataLost: string;
  writesLost: string;
  rto: string;
}

export async function wizardRow(dialog: Locator, choice: string): Promise<WizardRow> {
  const row = dialog.getByRole('row').filter({ has: dialog.page().getByRole('radio', { name: choice, exact: true }) });
  const cells = await row.getByRole('cell').allInnerTexts();
  expect(cells, `the wizard's row for "${choice}"`).toHaveLength(4);
  return { pointFrom: cells[0]!, dataLost: cells[1]!, writesLost: cells[2]!, rto: cells[3]! };
}
