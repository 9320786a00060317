// The production page loads, lists the nine scenarios from the engine worker, and runs one.
import { expect, test } from '@playwright/test';

test('the page runs the engine in its worker', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Site Recovery Sandbox');
  await expect(page.getByRole('listitem')).toHaveCount(9);
  await page.getByRole('button', { name: 'Run 24 hours of Hyper-V VMs to Azure (no VMM)' }).click();
  const result = page.getByTestId('run-result');
  await expect(result).toContainText('hyperv-to-azure: 24 h simulated');
  await expect(page.getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('cell', { name: 'protected' }).first()).toBeVisible();
  expect(errors).toEqual([]);
});
