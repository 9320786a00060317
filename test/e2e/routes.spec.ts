// The page's addresses in a real Chromium: each route opens from a fresh load, back and forward move
// between them without losing the way, an old story link still opens, and an address the page does
// not have (or a mode still to come) says so and offers the gallery.
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './page';

const scenarioHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name });

test('a scenario, a story (old and new link) and the gallery open from a fresh load', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/scenario/hyperv-to-azure');
  await expect(scenarioHeading(page, 'Hyper-V VMs to Azure (no VMM)')).toBeVisible();
  await page.goto('/#/story/vmm-san');
  await expect(scenarioHeading(page, 'VMM to a secondary site with SAN replication')).toBeVisible();
  await page.goto('/#/scenario/recovery/recovery-plan');
  await expect(scenarioHeading(page, 'VMware VMs to Azure')).toBeVisible();
  await page.goto('/#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Site Recovery Sandbox');
  expect(errors).toEqual([]);
});

test('back and forward move between the gallery, a scenario and a story', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('link', { name: /^VMware VMs to Azure/ }).first().click();
  await expect(page).toHaveURL(/#\/scenario\/vmware-to-azure$/);
  await expect(scenarioHeading(page, 'VMware VMs to Azure')).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Site Recovery Sandbox');
  await page.getByRole('region', { name: 'Recovery stories' }).getByRole('link', { name: /Physical servers to Azure/ }).click();
  await expect(page).toHaveURL(/#\/story\/physical-to-azure$/);
  await expect(scenarioHeading(page, 'Physical servers to Azure')).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goForward();
  await expect(scenarioHeading(page, 'Physical servers to Azure')).toBeVisible();
  expect(errors).toEqual([]);
});

test('an address the page does not have says what is wrong and offers the gallery', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/nowhere/at/all');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('There is no page at this address');
  await expect(alert).toContainText('this page has no "nowhere" address');
  await expect(page.getByRole('heading', { name: 'Scenarios' })).toBeVisible();
  await page.goto('/#/scenario/Not An Id');
  await expect(page.getByRole('alert')).toContainText('is not the id of a scenario');
  await page.getByRole('button', { name: 'Show the gallery only' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('');
  expect(errors).toEqual([]);
});

test('the addresses kept for the modes to come are recognised, not unknown', async ({ page }) => {
  const errors = watchErrors(page);
  for (const [hash, name] of [
    ['#/learn/vmware/1', 'Guided lessons'],
    ['#/present/tour/2/1', 'Presenter mode'],
    ['#/embed?scenario=vmware-to-azure', 'Embedding a demo in another page'],
    ['#/plan/x', 'The capacity planner']
  ] as const) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('alert')).toContainText(`${name}: not here yet`);
    await expect(page.getByRole('heading', { name: 'Scenarios' })).toBeVisible();
  }
  expect(errors).toEqual([]);
});
