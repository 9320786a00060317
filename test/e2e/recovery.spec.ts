// Recovery from the page, in the production build and a real Chromium: for each of the nine
// scenarios, a small file with no steps goes through the whole lifecycle the scenario supports by
// the page alone (enable replication in the inspector, play, drill and cleanup, site disaster,
// failover through the wizard, commit, and the way back the scenario has); every figure the page
// shows for a failover is checked against the engine's report of the page's own file, run in Node.
// Also: what the page refuses and why, a retained point picked with the slider, and screenshots.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { duration, moment } from '../../src/app/format';
import { lossText } from '../../src/app/sandbox/recovery/clock';
import {
  SHOTS,
  actions,
  bringSiteBack,
  card,
  enableReplication,
  engineRun,
  expectDrillAsEngine,
  expectFailoverAsEngine,
  expectMachine,
  failedOverNode,
  isMachine,
  openFile,
  playUntil,
  press,
  recoveryRegion,
  siteDisaster,
  smallFile,
  stepCount,
  tableProtection,
  testNetworkNode,
  watchErrors,
  wizardRow,
  type MachineSpec
} from './recovery-page';

test.use({ viewport: { width: 1280, height: 720 } });

const PRIMARY = 'runs at the primary site';
const VPN = 'VPN or ExpressRoute';

type WayBack =
  /** VMware and physical from Azure: reprotect to on-premises, fail back, commit, reprotect to Azure. */
  | { kind: 'threePhase'; add: string[]; reprotect: 'Reprotect' | 'Reprotect to an alternate location' }
  /** Hyper-V from Azure: fail back (synchronised first, then completed; or during failover), commit; replication restarts. */
  | { kind: 'hyperv'; failback: 'Fail back (synchronise first)' | 'Fail back (synchronise during failover)' }
  /**
   * Between two sites: reverse replication, fail back, commit, reverse replication again; with
   * `reverses` the planned failback commits itself and reverses replication (seed 002).
   */
  | { kind: 'siteToSite'; add: string[]; reverses: boolean }
  /** Migrations: no way back. */
  | { kind: 'none' };

interface Lifecycle {
  scenario: string;
  title: string;
  seed: number;
  machines: MachineSpec[];
  /** Where a failed-over machine runs, as the page says it. */
  target: string;
  /** The recovery point choice picked in the wizard. */
  choice: string;
  autoCommit: boolean;
  back: WayBack;
}

const LIFECYCLES: Lifecycle[] = [
  {
    scenario: 'vmware-to-azure',
    title: 'VMware VMs to Azure',
    seed: 3,
    machines: [
      { id: 'web-01', host: 'esxi-01', os: 'linux', writeMBps: 1, sizeGiB: 8 },
      { id: 'app-01', host: 'esxi-02', os: 'windows', writeMBps: 0.6, sizeGiB: 6 }
    ],
    target: 'runs in Azure',
    choice: 'Latest processed',
    autoCommit: false,
    back: { kind: 'threePhase', add: ['Process server in Azure', VPN], reprotect: 'Reprotect' }
  },
  {
    scenario: 'physical-to-azure',
    title: 'Physical servers to Azure',
    seed: 4,
    machines: [{ id: 'file-01', os: 'windows', writeMBps: 1, sizeGiB: 8 }],
    target: 'runs in Azure',
    choice: 'Latest',
    autoCommit: false,
    back: { kind: 'threePhase', add: ['Process server in Azure', VPN, 'ESXi host (for failback)', 'Master target VM'], reprotect: 'Reprotect to an alternate location' }
  },
  {
    scenario: 'hyperv-to-azure',
    title: 'Hyper-V VMs to Azure (no VMM)',
    seed: 5,
    machines: [{ id: 'sql-01', host: 'hv-host-01', writeMBps: 1, sizeGiB: 8 }],
    target: 'runs in Azure',
    choice: 'Latest processed',
    autoCommit: false,
    back: { kind: 'hyperv', failback: 'Fail back (synchronise first)' }
  },
  {
    scenario: 'vmm-to-azure',
    title: 'Hyper-V in VMM clouds to Azure',
    seed: 6,
    machines: [{ id: 'exch-01', writeMBps: 0.6, sizeGiB: 8 }],
    target: 'runs in Azure',
    choice: 'Latest',
    autoCommit: false,
    back: { kind: 'hyperv', failback: 'Fail back (synchronise during failover)' }
  },
  {
    scenario: 'vmm-to-vmm',
    title: 'VMM to a secondary VMM site (Hyper-V Replica)',
    seed: 7,
    machines: [
      { id: 'sql-01', host: 'hv-host-01', writeMBps: 1, sizeGiB: 8 },
      { id: 'file-01', host: 'hv-host-02', writeMBps: 0.5, sizeGiB: 6 }
    ],
    target: 'runs at the secondary site',
    choice: 'Latest processed',
    autoCommit: false,
    back: { kind: 'siteToSite', add: [], reverses: true }
  },
  {
    scenario: 'vmm-san',
    title: 'VMM to a secondary site with SAN replication',
    seed: 8,
    machines: [{ id: 'oracle-01', host: 'hv-host-01', writeMBps: 1, sizeGiB: 8 }],
    target: 'runs at the secondary site',
    choice: 'Latest',
    autoCommit: true,
    back: { kind: 'siteToSite', add: [], reverses: true }
  },
  {
    scenario: 'vmware-to-vmware',
    title: 'VMware or physical to a secondary site (InMage Scout)',
    seed: 9,
    machines: [{ id: 'app-01', host: 'esxi-01', os: 'linux', writeMBps: 1, sizeGiB: 8 }],
    target: 'runs at the secondary site',
    choice: 'Latest processed',
    autoCommit: false,
    back: { kind: 'siteToSite', add: ['Master target (primary site)'], reverses: false }
  },
  {
    scenario: 'azure-to-azure-migration',
    title: 'Azure IaaS VMs to another region (migration)',
    seed: 10,
    machines: [{ id: 'vm-web-01', writeMBps: 1, sizeGiB: 8 }],
    target: 'runs in Azure',
    choice: 'Latest processed',
    autoCommit: false,
    back: { kind: 'none' }
  },
  {
    scenario: 'aws-to-azure-migration',
    title: 'AWS Windows instances to Azure (migration)',
    seed: 11,
    machines: [{ id: 'ec2-web-01', writeMBps: 1, sizeGiB: 8 }],
    target: 'runs in Azure',
    choice: 'Latest',
    autoCommit: false,
    back: { kind: 'none' }
  }
];

/** The steps the page's file must hold after the lifecycle, in order (`do` only). */
function expectedSteps(l: Lifecycle): string[] {
  const n = l.machines.length;
  const each = (verb: string): string[] => Array<string>(n).fill(verb);
  const steps = [...each('enableReplication'), 'testFailover', 'cleanupTestFailover', 'fault', ...each('failover'), ...(l.autoCommit ? [] : each('commit'))];
  const b = l.back;
  if (b.kind === 'threePhase') return [...steps, ...b.add.map(() => 'addComponent'), 'clearFault', ...each('reprotect'), ...each('failback'), ...each('commit'), ...each('reprotect')];
  if (b.kind === 'hyperv') return [...steps, 'clearFault', ...each('failback'), ...(b.failback === 'Fail back (synchronise first)' ? each('resume') : []), ...each('commit')];
  if (b.kind === 'siteToSite') {
    const after = b.reverses ? [] : [...(l.autoCommit ? [] : each('commit')), ...each('reprotect')];
    return [...steps, ...b.add.map(() => 'addComponent'), 'clearFault', ...each('reprotect'), ...each('failback'), ...after];
  }
  // A migration: the site comes back, the machines stay in Azure.
  return [...steps, 'clearFault'];
}

/** Screenshots of the page as it is now, light and dark (the viewport is put back after). */
async function shoot(page: Page, name: string, widths: number[], target?: () => Locator, fullPage = false): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 720 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const path = `${SHOTS}/recovery-${name}-${width}-${scheme}.png`;
      if (target) await target().screenshot({ path });
      else await page.screenshot({ path, fullPage: fullPage && width < 600 });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Enables every machine from its inspector and plays until each is protected with recovery points. */
async function protect(page: Page, l: Lifecycle): Promise<void> {
  await expect(failedOverNode(page)).toHaveAccessibleName('Failed-over machines: none yet');
  for (const m of l.machines) {
    await expect(card(page, m.id).locator('.head .side')).toHaveText(PRIMARY);
    await expect(tableProtection(page, m.id)).toHaveText('unprotected');
    await enableReplication(page, m.id);
  }
  await playUntil(page, async () => {
    for (const m of l.machines) {
      await isMachine(page, m.id, PRIMARY, 'protected')();
      expect(await page.getByRole('row', { name: new RegExp(`^${m.id}\\b`) }).innerText()).toMatch(/· newest/);
    }
  });
}

/** A test failover of the first machine and its cleanup: the drill is recorded as the engine reports it. */
async function drill(page: Page, id: string): Promise<void> {
  await expect(testNetworkNode(page)).toHaveAccessibleName('Test network (isolated): no test copies');
  await press(page, id, 'Test failover');
  await expect(card(page, id).locator('.head .drill')).toBeVisible();
  await playUntil(page, async () => {
    await expect(actions(page, id).getByRole('button', { name: 'Clean up test', exact: true })).toBeVisible({ timeout: 100 });
    await expect(card(page, id).locator('.head .drill')).toHaveText('test copy: running', { timeout: 100 });
  });
  await expect(testNetworkNode(page)).toHaveAccessibleName(`Test network (isolated): ${id} (test)`);
  // Replication goes on meanwhile.
  await expectMachine(page, id, PRIMARY, 'protected');
  await press(page, id, 'Clean up test');
  await playUntil(page, async () => {
    await expect(card(page, id).locator('p.record')).toContainText('cleaned up at', { timeout: 100 });
    await expect(card(page, id).locator('.head .drill')).toHaveCount(0, { timeout: 100 });
  });
  await expect(testNetworkNode(page)).toHaveAccessibleName('Test network (isolated): no test copies');
  await expectDrillAsEngine(page, id);
}

/**
 * Fails the machine over through the wizard to `choice`; the wizard's figures for the choice are
 * what the failover then loses. Returns the wizard's row.
 */
async function failOverWithWizard(page: Page, l: Lifecycle, id: string, shots: boolean): Promise<{ dataLost: string; writesLost: string; rto: string }> {
  await actions(page, id).getByRole('button', { name: 'Fail over…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Fail over ${id}`, exact: true });
  await expect(dialog).toBeVisible();
  // With the primary site down, a planned failover is not possible: disabled with the reason.
  const planned = dialog.getByRole('radio', { name: /^Planned/ });
  await expect(planned).toBeDisabled();
  await expect(dialog.getByText(/^Not available: /)).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /^Unplanned/ })).toBeChecked();
  const radio = dialog.getByRole('radio', { name: l.choice, exact: true });
  await expect(radio).toBeEnabled();
  await radio.check();
  const row = await wizardRow(dialog, l.choice);
  expect(row.dataLost).toMatch(/^(\d|none$)/);
  expect(row.writesLost).toMatch(/^\d+$/);
  await expect(dialog.locator('footer')).toContainText(row.dataLost === 'none' ? 'Loses nothing' : `Loses ${row.dataLost} of changes (${row.writesLost} writes)`);
  if (shots) await shoot(page, 'wizard', [1280, 390]);
  await dialog.getByRole('button', { name: 'Fail over', exact: true }).click();
  await expect(dialog).toBeHidden();
  return row;
}

for (const l of LIFECYCLES) {
  const ids = l.machines.map((m) => m.id);
  test(`${l.scenario}: the whole recovery lifecycle from the page, with the engine's figures`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = watchErrors(page);
    const shots = l.scenario === 'vmware-to-azure';
    await openFile(page, smallFile(l.scenario, l.seed, l.machines), l.title);

    await protect(page, l);
    await drill(page, ids[0]!);

    // The primary site goes down; each machine fails over through the wizard.
    await siteDisaster(page);
    const file = (await engineRun(page)).file;
    expect(file.steps!.at(-1)).toEqual({ at: expect.any(String), do: 'fault', fault: 'siteDown', target: 'primarySite' });
    const rows = new Map<string, Awaited<ReturnType<typeof failOverWithWizard>>>();
    for (const id of ids) rows.set(id, await failOverWithWizard(page, l, id, shots && id === ids[0]));
    const afterFailover = l.autoCommit ? 'committed' : 'failed over, not committed yet';
    await playUntil(page, async () => {
      for (const id of ids) await isMachine(page, id, l.target, afterFailover)();
    });
    await expect(failedOverNode(page)).toHaveAccessibleName(`Failed-over machines: ${ids.join(', ')} running`);
    for (const id of ids) {
      await expect(tableProtection(page, id)).toHaveText(l.autoCommit ? 'committed' : 'failed over');
      const rec = await expectFailoverAsEngine(page, id, 'failover');
      expect(rec.type).toBe('unplanned');
      // What the wizard said the choice would cost is what the failover lost.
      const row = rows.get(id)!;
      expect({ dataLost: row.dataLost, writesLost: row.writesLost }, `the wizard's figures for ${id}`).toEqual({ dataLost: lossText(rec.dataLossSeconds!), writesLost: String(rec.writesLost) });
      // An RTO the wizard gives as exact is the one the failover took.
      if (!row.rto.startsWith('at least ')) expect(row.rto, `the wizard's expected RTO for ${id}`).toBe(duration(rec.rtoSeconds!));
    }
    if (shots) {
      await shoot(page, 'topology-after-failover', [1280], () => page.locator('.panel.topo'));
      await shoot(page, 'page-after-failover', [390], undefined, true);
    }

    // Commit, or see that SAN replication commits by itself.
    for (const id of ids) {
      if (l.autoCommit) {
        await expect(actions(page, id).getByRole('button', { name: 'Commit', exact: true })).toHaveCount(0);
        const why = card(page, id).locator('details.refused');
        await why.locator('summary').click();
        await expect(why.getByRole('listitem').filter({ hasText: /^Commit:/ })).toContainText(/automatic/);
        await why.locator('summary').click();
      } else {
        await press(page, id, 'Commit');
      }
    }
    await playUntil(page, async () => {
      for (const id of ids) await isMachine(page, id, l.target, 'committed')();
    });
    for (const id of ids) await expect(card(page, id).locator('div.record p')).toContainText(/Committed at \w{3} \d{1,2} \w{3} \d\d:\d\d/);

    const b = l.back;
    if (b.kind === 'none') {
      // A migration: the machines stay in Azure; failback and reprotect are refused with the reason.
      for (const id of ids) {
        const buttons = await actions(page, id).getByRole('button').allInnerTexts();
        expect(buttons.filter((t) => /Reprotect|Fail back/.test(t)), `buttons for ${id}`).toEqual([]);
        await expect(card(page, id).locator('details.checklist')).toHaveCount(0);
        const why = card(page, id).locator('details.refused');
        await why.locator('summary').click();
        await expect(why.getByRole('listitem').filter({ hasText: /^Fail back:/ })).toHaveText(`Fail back: ${l.title} is a migration: failback is not supported`);
        await expect(why.getByRole('listitem').filter({ hasText: /^Reprotect:/ })).toContainText('is a migration');
      }
      await bringSiteBack(page);
      for (const id of ids) await expectMachine(page, id, l.target, 'committed');
    } else {
      // The failback checklist: add what is missing, then bring the site back.
      for (const id of ids) {
        const list = card(page, id).locator('details.checklist');
        await expect(list).toHaveAttribute('open', '');
        await expect(list.locator('summary')).toContainText(/^Failback checklist: \d+ of \d+ ready$/);
      }
      const list = card(page, ids[0]!).locator('details.checklist');
      const addable = (b.kind === 'threePhase' || b.kind === 'siteToSite' ? b.add : []).map((label) => `Add ${label}`);
      expect((await list.getByRole('button', { name: /^Add / }).allInnerTexts()).sort()).toEqual([...addable].sort());
      if (shots) await shoot(page, 'checklist', [1280, 390], () => card(page, ids[0]!));
      for (const name of addable) {
        const before = await stepCount(page);
        await list.getByRole('button', { name, exact: true }).click();
        await expect(list.getByRole('button', { name, exact: true })).toHaveCount(0);
        await expect.poll(() => stepCount(page)).toBe(before + 1);
      }
      await bringSiteBack(page);
      for (const id of ids) {
        const summary = card(page, id).locator('details.checklist summary');
        await expect(summary).toHaveText(/^Failback checklist: (\d+) of \1 ready$/);
        await expect(card(page, id).locator('details.checklist li.unmet')).toHaveCount(0);
      }
      if (shots) await shoot(page, 'checklist-ready', [1280], () => card(page, ids[0]!));

      if (b.kind === 'hyperv') {
        for (const id of ids) await press(page, id, b.failback);
        if (b.failback === 'Fail back (synchronise first)') {
          await playUntil(page, async () => {
            for (const id of ids) await expect(actions(page, id).getByRole('button', { name: 'Complete the failback', exact: true })).toBeVisible({ timeout: 100 });
          });
          // Synchronised while the machine keeps running in Azure; it waits for the go-ahead.
          for (const id of ids) await expectMachine(page, id, l.target, 'synchronised, waiting for you to complete it');
          if (l.scenario === 'hyperv-to-azure') await shoot(page, 'failback-waiting', [1280], () => card(page, ids[0]!));
          for (const id of ids) await press(page, id, 'Complete the failback');
        }
      } else {
        // Replicate back from where the machines run now.
        for (const id of ids) await press(page, id, b.kind === 'threePhase' ? b.reprotect : 'Reprotect');
        for (const id of ids) await expect(card(page, id).locator('.head .state')).not.toHaveText('committed');
        await playUntil(page, async () => {
          for (const id of ids) await isMachine(page, id, l.target, 'protected')();
        });
        // Protected the other way, they still run at the target.
        await expect(failedOverNode(page)).toHaveAccessibleName(`Failed-over machines: ${ids.join(', ')} running`);
        for (const id of ids) await press(page, id, 'Fail back');
      }
      // A planned failback between Hyper-V Replica or SAN sites commits itself and protects the
      // machines towards the secondary site again without another step.
      const reverses = b.kind === 'siteToSite' && b.reverses;
      const afterFailback = reverses ? 'protected' : l.autoCommit ? 'committed' : 'failed over, not committed yet';
      await playUntil(page, async () => {
        for (const id of ids) await isMachine(page, id, PRIMARY, afterFailback)();
      });
      await expect(failedOverNode(page)).toHaveAccessibleName('Failed-over machines: none yet');
      for (const id of ids) {
        const rec = await expectFailoverAsEngine(page, id, 'failback');
        // Physical servers have no planned failover: they come back by an unplanned one (seed 003).
        const type = l.scenario === 'physical-to-azure' ? 'unplanned' : 'planned';
        expect({ type: rec.type, writesLost: rec.writesLost, dataLossSeconds: rec.dataLossSeconds }).toEqual({ type, writesLost: 0, dataLossSeconds: 0 });
      }
      if (reverses) {
        for (const id of ids) await expect(actions(page, id).getByRole('button', { name: /^(Commit|Reprotect)$/ })).toHaveCount(0);
      } else if (!l.autoCommit) for (const id of ids) await press(page, id, 'Commit');
      if (reverses) {
        // Nothing left to do.
      } else if (b.kind === 'hyperv') {
        // Replication to Azure starts again by itself after the commit.
        await playUntil(page, async () => {
          for (const id of ids) await isMachine(page, id, PRIMARY, 'protected')();
        });
      } else {
        if (!l.autoCommit) {
          await playUntil(page, async () => {
            for (const id of ids) await isMachine(page, id, PRIMARY, 'committed')();
          });
        }
        for (const id of ids) await press(page, id, 'Reprotect');
        await playUntil(page, async () => {
          for (const id of ids) await isMachine(page, id, PRIMARY, 'protected')();
        });
      }
    }

    // The page's file holds every action taken, none refused, and ends where the page is.
    const { file: final, report } = await engineRun(page);
    expect(final.steps!.map((s) => s.do)).toEqual(expectedSteps(l));
    expect(report.rejected).toEqual([]);
    for (const id of ids) {
      const m = report.machines.find((x) => x.id === id)!;
      expect(m.side).toBe(b.kind === 'none' ? 'target' : 'primary');
      expect(m.protection).toBe(b.kind === 'none' ? 'committed' : 'protected');
      expect(report.failovers.filter((f) => f.machine === id && f.kind === 'test')).toHaveLength(id === ids[0] ? 1 : 0);
    }
    expect(errors).toEqual([]);
  });
}

test('physical-to-azure: the wizard shows Planned disabled with its reason; unplanned with a shutdown first is offered', async ({ page }) => {
  const errors = watchErrors(page);
  const machines: MachineSpec[] = [{ id: 'file-01', writeMBps: 1, sizeGiB: 8 }];
  await openFile(page, smallFile('physical-to-azure', 4, machines), 'Physical servers to Azure');
  await enableReplication(page, 'file-01');
  await playUntil(page, isMachine(page, 'file-01', PRIMARY, 'protected'));
  await actions(page, 'file-01').getByRole('button', { name: 'Fail over…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Fail over file-01', exact: true });
  await expect(dialog.getByRole('radio', { name: /^Planned/ })).toBeDisabled();
  await expect(dialog.getByText(/^Not available: /)).toHaveText(/^Not available: planned failover is not supported for physical servers\. To lose nothing, choose Unplanned/);
  await expect(dialog.getByRole('radio', { name: /^Unplanned/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /^Shut the source down first/ })).toBeEnabled();
  // The reason is also listed with the machine's other refused actions.
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  const why = card(page, 'file-01').locator('details.refused');
  await why.locator('summary').click();
  await expect(why.getByRole('listitem').filter({ hasText: /^Planned failover:/ })).toContainText('not supported for physical servers');
  expect((await engineRun(page)).file.steps!.map((s) => s.do)).toEqual(['enableReplication']);
  expect(errors).toEqual([]);
});

test('hyperv-to-azure: a retained point picked with the slider is the point the machine fails over to', async ({ page }) => {
  const errors = watchErrors(page);
  const machines: MachineSpec[] = [{ id: 'sql-01', host: 'hv-host-01', writeMBps: 1, sizeGiB: 8 }];
  await openFile(page, smallFile('hyperv-to-azure', 12, machines), 'Hyper-V VMs to Azure (no VMM)');
  await enableReplication(page, 'sql-01');
  await playUntil(page, async () => {
    await isMachine(page, 'sql-01', PRIMARY, 'protected')();
    const points = await page.getByRole('row', { name: /^sql-01\b/ }).getByRole('cell').nth(3).innerText();
    expect(parseInt(points, 10)).toBeGreaterThanOrEqual(4);
  });
  await siteDisaster(page);
  await actions(page, 'sql-01').getByRole('button', { name: 'Fail over…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Fail over sql-01', exact: true });
  const slider = dialog.getByRole('slider', { name: /^Retained point/ });
  await expect(slider).toBeVisible();
  const max = Number(await slider.getAttribute('max'));
  expect(max).toBeGreaterThanOrEqual(3);
  // Two points before the newest.
  await slider.fill(String(max - 2));
  const picked = page.getByRole('radio', { name: /^The point at / });
  await expect(picked).toBeChecked();
  const label = (await dialog.getByRole('row').filter({ has: picked }).getByRole('rowheader').innerText()).trim();
  const row = await wizardRow(dialog, label);
  await expect(dialog.locator('.slider output')).toHaveText(new RegExp(`^(crash|app)-consistent point at ${row.pointFrom}$`));
  expect(label).toBe(`The point at ${row.pointFrom}`);
  // An older point loses more than the newest one.
  const newest = await wizardRow(dialog, 'Latest processed');
  expect(Number(row.writesLost)).toBeGreaterThan(Number(newest.writesLost));
  await shoot(page, 'wizard-picked-point', [1280]);
  await dialog.getByRole('button', { name: 'Fail over', exact: true }).click();
  // Either the wizard closes or the engine's refusal shows in it: it must close.
  await expect(async () => {
    const open = await dialog.isVisible();
    expect(!open || (await dialog.getByRole('alert').count()) > 0).toBe(true);
  }).toPass();
  expect(await dialog.getByRole('alert').allInnerTexts(), 'what the wizard says after "Fail over"').toEqual([]);
  await expect(dialog).toBeHidden();
  await playUntil(page, isMachine(page, 'sql-01', 'runs in Azure', 'failed over, not committed yet'));
  const rec = await expectFailoverAsEngine(page, 'sql-01', 'failover');
  const { report } = await engineRun(page);
  expect(moment(rec.recoveryPointAt!, report.start)).toBe(row.pointFrom);
  expect({ dataLost: row.dataLost, writesLost: row.writesLost }).toEqual({ dataLost: lossText(rec.dataLossSeconds!), writesLost: String(rec.writesLost) });
  expect(errors).toEqual([]);
});

test('the Recovery panel names where each machine runs before anything is protected', async ({ page }) => {
  const machines: MachineSpec[] = [{ id: 'web-01', host: 'esxi-01', writeMBps: 1, sizeGiB: 8 }];
  await openFile(page, smallFile('vmware-to-azure', 1, machines), 'VMware VMs to Azure');
  await expect(recoveryRegion(page)).toContainText('1 at the primary site, 0 in Azure.');
  await expect(card(page, 'web-01').locator('.head .side')).toHaveText(PRIMARY);
  // Nothing is protected: no recovery action is offered, each with the engine's reason.
  expect(await actions(page, 'web-01').getByRole('button').count()).toBe(0);
  await card(page, 'web-01').locator('details.refused summary').click();
  await expect(card(page, 'web-01').locator('details.refused').getByRole('listitem').filter({ hasText: /^Test failover:/ })).toBeVisible();
});

test('with more than twelve machines the recovery panel shows the first twelve, and all on request', async ({ page }) => {
  const errors = watchErrors(page);
  const machines: MachineSpec[] = Array.from({ length: 14 }, (_, i) => ({ id: `vm-${String(i + 1).padStart(2, '0')}`, writeMBps: 0.2, sizeGiB: 8 }));
  await openFile(page, smallFile('hyperv-to-azure', 9, machines), 'Hyper-V VMs to Azure (no VMM)');
  const cards = recoveryRegion(page).getByRole('group', { name: /^Recovery actions for / });
  await expect(cards).toHaveCount(12);
  const more = recoveryRegion(page).getByRole('button', { name: 'Show all 14 machines' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(cards).toHaveCount(14);
  await expect(recoveryRegion(page).getByText('vm-14', { exact: true })).toBeVisible();
  await recoveryRegion(page).getByRole('button', { name: 'Show the first 12 machines only' }).click();
  await expect(cards).toHaveCount(12);
  expect(errors).toEqual([]);
});
