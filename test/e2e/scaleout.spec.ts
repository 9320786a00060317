// Scale-out process servers and Hyper-V host volumes on the production page: three process servers
// each drawn with its machines and its own uplink edge; a machine moved through the inspector
// shows in its new group; a process server added through the inspector appears deployed; a small
// Hyper-V host volume fills on its chart; and the settings editors write processServers and hosts.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { currentFile, openFile, playUntil, stepCount, watchErrors, type ScenarioFile } from './recovery-page';
import { seekTo, showChart } from './page';

/** Five VMware VMs on three process servers: app-02 and sql-01 named to ps-02, the rest balanced. */
const threeServers: ScenarioFile = {
  scenario: 'vmware-to-azure',
  seed: 3,
  until: '2d',
  processServers: [
    { id: 'ps-02', size: '12vcpu' },
    { id: 'ps-03', size: '4vcpu' }
  ],
  machines: [
    { id: 'web-01', writeMBps: 0.3, disks: [{ id: 'os', sizeGiB: 32 }] },
    { id: 'web-02', writeMBps: 0.3, disks: [{ id: 'os', sizeGiB: 32 }] },
    { id: 'app-01', writeMBps: 0.5, disks: [{ id: 'os', sizeGiB: 32 }] },
    { id: 'app-02', writeMBps: 0.5, processServer: 'ps-02', disks: [{ id: 'os', sizeGiB: 32 }] },
    { id: 'sql-01', writeMBps: 1.5, processServer: 'ps-02', disks: [{ id: 'os', sizeGiB: 48 }] }
  ],
  network: { uplinkMbps: 200 },
  steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
};

/** One 16 GiB VM writing 1 MB/s on a host whose volume leaves it 2 GiB, over a slow uplink: the snapshot and logs fill it. */
const smallVolume: ScenarioFile = {
  scenario: 'hyperv-to-azure',
  seed: 5,
  until: '2d',
  machines: [{ id: 'vm-01', host: 'hv-host-01', writeMBps: 1, disks: [{ id: 'os', sizeGiB: 16 }] }],
  hosts: [{ id: 'hv-host-01', volumeGiB: 18 }],
  network: { uplinkMbps: 20 },
  steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }]
};

const VMWARE = 'VMware VMs to Azure';
const HYPERV = 'Hyper-V VMs to Azure (no VMM)';
const topology = (page: Page) => page.getByRole('group', { name: `${VMWARE}: topology` });
/** The machines group of a process server in the drawing (its name counts its machines now). */
const group = (page: Page, server: string) => topology(page).getByRole('button', { name: new RegExp(`^(\\d+ machines?|no machines) on ${server}: `) });
const serverNode = (page: Page, server: string) => topology(page).getByRole('button', { name: new RegExp(`^${server}: `) });

test('three process servers: each drawn with its machines group, its LAN link and its own uplink edge', async ({ page }) => {
  const errors = watchErrors(page);
  await openFile(page, threeServers, VMWARE);
  // Balanced: web-01 and app-01 on the built-in server (fewest first, ties to the first), web-02 on ps-03.
  const expected = [
    ['Process server', 'process-server', 'lan', 2],
    ['Process server ps-02', 'ps-02', 'lan-ps-02', 2],
    ['Process server ps-03', 'ps-03', 'lan-ps-03', 1]
  ] as const;
  for (const [label, id, lan, machines] of expected) {
    await expect(serverNode(page, label)).toHaveCount(1);
    await expect(group(page, label)).toHaveAccessibleName(new RegExp(`^${machines} machines? on ${label}: `));
    await expect(topology(page).locator(`g.edge[data-link="uplink"][data-from="${id}"]`), `the uplink edge of ${id}`).toHaveCount(1);
    await expect(topology(page).locator(`g.edge[data-link="${lan}"]`), `the LAN link of ${id}`).toHaveCount(1);
  }
  // One machines node per process server, none standing for them all.
  await expect(topology(page).getByRole('button', { name: /^\d+ machines?( on |: )/ })).toHaveCount(3);
  // Playing, the machines get protected and every process server's chart is drawn with its size.
  await playUntil(page, async () => expect(await group(page, 'Process server ps-03').getAttribute('aria-label')).toMatch(/: 1 protected, Healthy$/));
  await showChart(page, 'Process server');
  // Inside the chart deck (itself a region named for its chart): one region per process server.
  const charts = page.getByRole('region', { name: 'Process servers', exact: true }).getByRole('region', { name: /^Process server/ });
  await expect(charts).toHaveCount(3);
  await expect(page.getByRole('heading', { level: 4, name: /^Process server ps-02 · 12 vCPU, 24 GB memory, 1000 GB cache$/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 4, name: /^Process server · built in, on the configuration server/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Process server ps-03: cache use and throughput' })).toBeVisible();
  // Selecting a group shows the machines on that server only.
  await group(page, 'Process server ps-02').click();
  const inspector = page.getByRole('region', { name: 'Machines on Process server ps-02' });
  await expect(inspector).toBeVisible();
  await expect(inspector.locator('dt')).toHaveText(['app-02', 'sql-01']);
  expect(errors).toEqual([]);
});

test('a machine moved through its inspector shows in its new group once it moved', async ({ page }) => {
  const errors = watchErrors(page);
  await openFile(page, threeServers, VMWARE);
  await playUntil(page, async () => expect(await group(page, 'Process server').getAttribute('aria-label')).toMatch(/: 2 protected, Healthy$/));
  await page.getByRole('row', { name: /^app-01\b/ }).getByRole('button', { name: 'app-01', exact: true }).click();
  const inspector = page.getByRole('region', { name: 'app-01' });
  await expect(inspector.getByText('Process server', { exact: true })).toBeVisible();
  const select = inspector.getByLabel('Move to process server');
  // Its own server is not offered.
  await expect(select.locator('option')).toHaveText(['Process server ps-02 (2 machines now)', 'Process server ps-03 (1 machine now)']);
  await select.selectOption('ps-03');
  const before = await stepCount(page);
  await inspector.getByRole('button', { name: 'Move', exact: true }).click();
  await expect.poll(() => stepCount(page)).toBe(before + 1);
  expect((await currentFile(page)).steps!.at(-1)).toMatchObject({ do: 'moveProcessServer', machines: ['app-01'], processServer: 'ps-03' });
  await playUntil(page, async () => expect(await group(page, 'Process server ps-03').getAttribute('aria-label')).toMatch(/^2 machines on /));
  await expect(group(page, 'Process server')).toHaveAccessibleName(/^1 machine on Process server: /);
  await expect(inspector.locator('dd').filter({ hasText: /^ps-03$/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a scale-out process server added through the inspector appears, deployed, with a group of its own', async ({ page }) => {
  const errors = watchErrors(page);
  await openFile(page, threeServers, VMWARE);
  await playUntil(page, async () => expect(await group(page, 'Process server').getAttribute('aria-label')).toMatch(/: \d+ protected/));
  await serverNode(page, 'Process server').click();
  const inspector = page.getByRole('region', { name: 'Process server', exact: true });
  await expect(inspector.getByRole('heading', { name: 'Add a scale-out process server' })).toBeVisible();
  await expect(inspector.getByLabel('Name')).toHaveValue('ps-04');
  await inspector.getByLabel('Size').selectOption('12vcpu');
  await expect(inspector.getByText('sized for up to 2 TB of churn a day and 225 machines')).toBeVisible();
  // A name the scenario already uses is refused by the engine, and nothing changes.
  await inspector.getByLabel('Name').fill('vcenter');
  await inspector.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(inspector.getByRole('alert')).toContainText('Not added:');
  expect((await currentFile(page)).steps).toHaveLength(1);
  await inspector.getByLabel('Name').fill('ps-04');
  await inspector.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Process server ps-04 added at' })).toBeVisible();
  await expect(serverNode(page, 'Process server ps-04')).toHaveAccessibleName(/^Process server ps-04: running, Healthy$/);
  await expect(group(page, 'Process server ps-04')).toHaveAccessibleName(/^no machines on Process server ps-04: none assigned/);
  await expect(topology(page).locator('g.edge[data-link="uplink"][data-from="ps-04"]')).toHaveCount(1);
  const file = await currentFile(page);
  expect(file.steps!.at(-1)).toMatchObject({ do: 'addComponent', component: 'ps-04', size: '12vcpu' });
  // At the moment the page was at, written as files write durations.
  expect(String(file.steps!.at(-1)!.at)).toMatch(/^(\d+h)?(\d+m)?(\d+s)?$/);
  expect(String(file.steps!.at(-1)!.at)).not.toBe('0s');
  // The page went back to where it was, and the new server can take machines.
  await expect(page.locator('.timeline output')).not.toHaveText(/^0 s/);
  await page.getByRole('row', { name: /^web-01\b/ }).getByRole('button', { name: 'web-01', exact: true }).click();
  await expect(page.getByRole('region', { name: 'web-01' }).getByLabel('Move to process server').locator('option', { hasText: 'Process server ps-04' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('Hyper-V: a small host volume fills on its chart, with its key and a summary that says so', async ({ page }) => {
  const errors = watchErrors(page);
  await openFile(page, smallVolume, HYPERV);
  await showChart(page, '.hrl logs');
  const chart = page.getByRole('figure', { name: 'Hyper-V host 1: VM snapshot changes and .hrl logs against the space beside the VM disks' });
  await expect(chart).toBeVisible();
  await expect(chart).toContainText('It has not filled up.');
  for (const key of ['VM snapshot changes', '.hrl logs', 'volume full (space beside the VM disks)', 'Warning: under 10 % free']) await expect(chart.locator('figcaption')).toContainText(key);
  // The initial replication's snapshot and logs pass 2 GiB at about 32 min: the VM's replication stops.
  await playUntil(page, async () => expect(await chart.textContent()).toMatch(/The volume filled up \d+ times?, last at/));
  await expect(chart.locator('figcaption')).toContainText('filled up: replication stopped, logs and snapshot discarded');
  // Each moment it filled is marked on the plot.
  expect(await chart.locator('path.marker').count()).toBeGreaterThan(0);
  // At 50 min exactly (a rewind replays the run; the data window with the fill has been worked out by
  // then): filled once, at 08:32:08 (the engine's moment, 32 min 7.6 s into the run).
  await seekTo(page, 50 * 60);
  await expect(chart).toContainText("The volume filled up 1 time, last at Mon 3 Mar 08:32:08: each time a VM's replication stopped for low disk space");
  await expect(page.locator('.host .status')).toHaveText(/^Hyper-V host 1 \(18\.0 GiB volume\): [\d.]+ (GiB|MiB) free of the 2\.0 GiB beside the VM disks · full 1 time, last at Mon 3 Mar 08:32:08$/);
  expect(errors).toEqual([]);
});

test('the settings editors write process servers, a machine’s process server and host volumes', async ({ page }) => {
  const errors = watchErrors(page);
  await openFile(page, threeServers, VMWARE);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Machines' }).click();
  const list = dialog.getByRole('group', { name: 'Scale-out process servers' });
  await expect(list.getByLabel('Name')).toHaveCount(2);
  await expect(list.getByLabel('Name').nth(1)).toHaveValue('ps-03');
  await list.getByLabel('Size').nth(1).selectOption('8vcpu');
  // A machine named to a server the file does not have is a problem, shown at the field.
  await list.getByRole('button', { name: 'Remove process server ps-02' }).click();
  const app02 = dialog.getByRole('group', { name: 'Machine 4' });
  await expect(app02.getByRole('alert')).toHaveText('"ps-02" is not allowed; use one of: "process-server", "ps-03"');
  await expect(dialog.getByRole('button', { name: 'Apply from the start' })).toBeDisabled();
  await list.getByRole('button', { name: 'Add a scale-out process server' }).click();
  await list.getByLabel('Name').nth(1).fill('ps-02');
  await expect(dialog.getByRole('button', { name: 'Apply from the start' })).toBeEnabled();
  await dialog.getByRole('group', { name: 'Machine 1' }).getByLabel('Process server').selectOption('ps-03');
  await dialog.getByRole('button', { name: 'Apply from the start' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings applied' })).toBeVisible();
  const file = await currentFile(page);
  expect(file.processServers).toEqual([
    { id: 'ps-03', size: '8vcpu' },
    { id: 'ps-02', size: '8vcpu' }
  ]);
  expect((file.machines as Array<Record<string, unknown>>).map((m) => m.processServer ?? null)).toEqual(['ps-03', null, null, 'ps-02', 'ps-02']);
  await expect(serverNode(page, 'Process server ps-03')).toHaveCount(1);
  // Balanced, web-02 and app-01 go to the built-in server, which had none.
  await expect(group(page, 'Process server ps-03')).toHaveAccessibleName(/^1 machine on /);
  await expect(group(page, 'Process server')).toHaveAccessibleName(/^2 machines on /);

  await openFile(page, smallVolume, HYPERV);
  await page.getByRole('button', { name: 'Settings' }).click();
  await dialog.getByRole('tab', { name: 'Machines' }).click();
  const volumes = dialog.getByRole('group', { name: 'Host volumes' });
  const size = volumes.getByLabel('hv-host-01: volume (GiB)');
  await expect(size).toHaveValue('18');
  await size.fill('10');
  await expect(volumes.getByRole('alert')).toContainText('cannot hold the virtual disks of the VMs on hv-host-01 (16 GiB)');
  await volumes.getByRole('button', { name: 'Use the default' }).click();
  await expect(size).toHaveValue('');
  await expect(size).toHaveAttribute('placeholder', 'default 32');
  await size.fill('24');
  await dialog.getByRole('button', { name: 'Apply from the start' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings applied' })).toBeVisible();
  expect((await currentFile(page)).hosts).toEqual([{ id: 'hv-host-01', volumeGiB: 24 }]);
  expect(errors).toEqual([]);
});

/** Serious or critical axe-core violations (WCAG 2.1 A and AA) of the page as it is, as lines. */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

for (const scheme of ['light', 'dark'] as const) {
  test(`accessibility of the process servers, their inspectors, the host volume chart and the editors, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openFile(page, threeServers, VMWARE);
    await playUntil(page, async () => expect(await group(page, 'Process server').getAttribute('aria-label')).toMatch(/: 2 protected/));
    await page.getByRole('row', { name: /^web-01\b/ }).getByRole('button', { name: 'web-01', exact: true }).click();
    await expect(page.getByRole('region', { name: 'web-01' }).getByLabel('Move to process server')).toBeVisible();
    expect.soft(await axeViolations(page), `a machine's inspector, ${scheme}`).toEqual([]);
    await serverNode(page, 'Process server ps-02').click();
    await expect(page.getByRole('heading', { name: 'Add a scale-out process server' })).toBeVisible();
    expect.soft(await axeViolations(page), `a process server's inspector, ${scheme}`).toEqual([]);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('tab', { name: 'Machines' }).click();
    await expect(page.getByRole('group', { name: 'Scale-out process servers' })).toBeVisible();
    expect.soft(await axeViolations(page), `the machines settings with process servers, ${scheme}`).toEqual([]);

    await openFile(page, smallVolume, HYPERV);
    await showChart(page, '.hrl logs');
    await playUntil(page, async () => expect(await page.locator('.host .status').innerText()).toMatch(/full \d+ time/));
    expect.soft(await axeViolations(page), `the host volume chart, ${scheme}`).toEqual([]);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('tab', { name: 'Machines' }).click();
    await expect(page.getByRole('group', { name: 'Host volumes' })).toBeVisible();
    expect.soft(await axeViolations(page), `the machines settings with host volumes, ${scheme}`).toEqual([]);
  });
}
