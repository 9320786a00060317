// What the page shows is what the engine computes, in a real Chromium on the production build:
// link rates never above the bandwidth at the speeds a learner picks, a link that is down reads
// nothing and its dashes stop, Next event stops at each protection, the inspector offers no action
// the engine would refuse, the story of a file is shown with its moments, the end of a run says so,
// and moments are written one way everywhere.
import { expect, test, type Page } from '@playwright/test';
import { seekTo, showTab, watchErrors } from './page';

const MOMENT = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d:\d\d(:\d\d)?$/;

async function open(page: Page, route: string): Promise<void> {
  await page.goto(`/#/scenario/${route}`);
  await expect(page.getByRole('button', { name: /^Play/ })).toBeVisible();
}

/** Bytes a second from the page's "11.9 MiB/s". */
function bytesPerSecond(text: string): number {
  const m = /([\d.]+) (B|KiB|MiB|GiB)\/s/.exec(text);
  if (!m) throw new Error(`no rate in "${text}"`);
  return Number(m[1]) * { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }[m[2] as 'B'];
}

/** Each link button's "carried of can carry" as numbers, for the links that show a rate now. */
async function linkRates(page: Page): Promise<Array<{ text: string; carried: number; capacity: number }>> {
  const texts = await page.getByRole('button', { name: /^Link / }).allInnerTexts();
  return texts
    .filter((t) => / of [\d.]+ \S+\/s$/.test(t))
    .map((t) => {
      const [carried, capacity] = t.split(' of ');
      return { text: t, carried: bytesPerSecond(carried!), capacity: bytesPerSecond(capacity!) };
    });
}

test('link rates never pass the bandwidth, at 32 s, 5 min and 1 h a second, and data moving shows at each', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'vmware-to-azure');
  for (const speedExp of ['1.5', '2.48', '3.56']) {
    await seekTo(page, 40 * 60); // initial replication is running over the uplink
    await page.getByLabel('Speed').fill(speedExp);
    await page.getByRole('button', { name: 'Play' }).click();
    const seen: string[] = [];
    for (let k = 0; k < 12; k++) {
      await page.waitForTimeout(250);
      for (const r of await linkRates(page)) {
        seen.push(r.text);
        // The page rounds to a tenth: allow that much.
        expect(r.carried, r.text).toBeLessThanOrEqual(r.capacity * 1.001 + 0.05 * 1024 ** 2);
      }
    }
    await page.getByRole('button', { name: 'Pause' }).click();
    // Data moving is visible: the uplink shows a rate, and its edge in the drawing moves.
    expect(seen.some((t) => /^Link uplink: healthy, [\d.]+ MiB\/s of /.test(t)), `speed 10^${speedExp}: ${seen.slice(0, 4).join(' | ')}`).toBe(true);
    await expect(page.locator('g.edge[data-link="uplink"].flowing').first()).toBeAttached();
  }
  await expect(page.locator('.rate-note')).toHaveText(/^Rates: what each link carried on average over the 5 min to (Mon|Tue|Wed|Thu|Fri|Sat|Sun) /);
  expect(errors).toEqual([]);
});

test('a link that is down carries nothing and its dashes stop', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'hyperv-to-azure');
  // 13:00: the story's uplink has been down since 11:00.
  await seekTo(page, 5 * 3600);
  const uplink = page.getByRole('button', { name: /^Link uplink:/ });
  await expect(uplink).toHaveText('Link uplink: critical, carrying nothing');
  await expect(page.locator('g.edge[data-link="uplink"]').first()).not.toHaveClass(/flowing/);
  await expect(page.locator('path.dash')).toHaveCount(0);
  // Back up at 17:00, and the hosts' next retry at 17:25 finds it: it carries the backlog again.
  await seekTo(page, 9 * 3600 + 40 * 60);
  await expect(uplink).toHaveText(/^Link uplink: healthy, [\d.]+ (KiB|MiB)\/s of 23\.8 MiB\/s$/);
  expect(bytesPerSecond((await uplink.innerText()).split(', ')[1]!)).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('Next event stops at each machine being protected, and the page is at that moment', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'hyperv-to-azure');
  const status = page.locator('p.run-status');
  const protectedSeen = new Set<string>();
  for (let press = 0; press < 60 && protectedSeen.size < 3; press++) {
    const before = await status.innerText();
    await page.getByRole('button', { name: 'Next event' }).click();
    await expect(status).toHaveText(/^Stopped at /);
    await expect(status).not.toHaveText(before);
    const said = await status.innerText();
    for (const m of said.matchAll(/(\w+-\d+) is protected/g)) {
      protectedSeen.add(m[1]!);
      // The table shows it protected at the moment the page stopped.
      await expect(page.locator('tbody tr').filter({ hasText: m[1]! }).locator('td').first()).toHaveText('protected');
    }
  }
  // Three machines, three protections, each seen when Next event stopped (web-01 at 09:32, app-01 10:17, sql-01 10:30).
  expect([...protectedSeen].sort()).toEqual(['app-01', 'sql-01', 'web-01']);
  await expect(page.locator('.clock .date')).toHaveText(/ 1[01]:\d\d$/);
  expect(errors).toEqual([]);
});

test('the inspector offers only what the engine would take now, and says why not for the rest', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'recovery/vmware-to-azure');
  // 08:30: initial replication runs; it can be disabled, not enabled again nor resynced.
  await seekTo(page, 30 * 60);
  await page.locator('tbody').getByRole('button', { name: 'app-01' }).click();
  const inspector = page.getByRole('region', { name: 'app-01' });
  await expect(inspector.getByRole('button', { name: 'Disable replication' })).toBeVisible();
  await expect(inspector.getByRole('button', { name: 'Enable replication' })).toHaveCount(0);
  await expect(inspector.getByRole('button', { name: 'Resync now' })).toHaveCount(0);
  await expect(inspector.getByRole('button', { name: 'Break authentication…' })).toBeVisible();
  // 16:00: app-01 failed over to Azure and the failover was committed.
  await seekTo(page, 8 * 3600);
  await expect(page.locator('tbody tr').filter({ hasText: 'app-01' }).locator('td').first()).toHaveText(/failed over|committed/);
  for (const name of ['Enable replication', 'Resync now', 'Break authentication…']) await expect(inspector.getByRole('button', { name })).toHaveCount(0);
  await inspector.getByText(/^Actions not possible now/).click();
  await expect(inspector).toContainText(/Resync now: app-01 has failed over and is not replicating/);
  await inspector.getByText(/^Faults not possible here now/).click();
  await expect(inspector).toContainText(/Break authentication: app-01 has failed over .* its agent has no connection to break/);
  // Nothing was refused as a banner over the page.
  await expect(page.locator('p.notice')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a file's story shows: its title, its description and its moments, marked on the time slider", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'recovery/vmware-to-azure');
  // Beside the drawing a card shows the story's title and two lines; the Story tab has all of it.
  const card = page.locator('.story-card');
  await expect(card.getByRole('heading', { name: 'A fire alarm empties the server room: to Azure and back in three phases' })).toBeVisible();
  await expect(card.locator('.description')).toHaveClass(/clamped/);
  await card.getByRole('button', { name: 'Read the whole story' }).click();
  await expect(page.getByRole('tab', { name: 'Story', exact: true })).toHaveAttribute('aria-selected', 'true');
  const story = page.getByRole('region', { name: 'A fire alarm empties the server room: to Azure and back in three phases' });
  await expect(story.locator('.description')).toBeVisible();
  await expect(story.locator('.description')).not.toHaveClass(/clamped/);
  await expect(story.getByText(/^The story's moments \(14\)/)).toBeVisible();
  const moments = story.getByRole('list', { name: "The story's moments" }).getByRole('listitem');
  // Every step of the file but enabling replication at the start.
  await expect(moments).toHaveCount(14);
  await expect(moments.nth(0)).toHaveText(/^Mon 3 Mar 12:00 Test failover: app-01, sql-01$/);
  await expect(page.locator('.timeline .mark')).toHaveCount(14);
  // A moment is a way there.
  await moments.filter({ hasText: 'Site down on primarySite for 6 h' }).getByRole('button').click();
  await expect(page.locator('.clock .date')).toHaveText('Mon 3 Mar 14:12');
  expect(errors).toEqual([]);
});

test('at the end of a run the page says so, and Play plays it again from the start', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'vmm-san');
  await seekTo(page, 24 * 3600);
  await expect(page.locator('p.run-status')).toHaveText(/^The run ends here, at Tue 4 Mar 08:00 \(the file's until\)/);
  await expect(page.getByRole('button', { name: 'Next event' })).toBeDisabled();
  await page.getByRole('button', { name: 'Play again' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.locator('.timeline output')).toHaveText(/^(\d+ (s|min)|1 h( \d+ min)?) of 24 h$/);
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});

test('moments are written one way: the clock, the events and the story', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'hyperv-to-azure');
  await seekTo(page, 4 * 3600);
  await expect(page.locator('.clock .date')).toHaveText('Mon 3 Mar 12:00');
  await showTab(page, 'Events');
  const times = await page.locator('ol.log time').allInnerTexts();
  expect(times.length).toBeGreaterThan(10);
  for (const t of times) expect(t).toMatch(MOMENT);
  await showTab(page, 'Story');
  for (const t of await page.locator('.story time').allTextContents()) expect(t).toMatch(MOMENT);
  expect(errors).toEqual([]);
});
