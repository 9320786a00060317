// The panels that read the catalogues, in Dutch, in a real Chromium: the recovery plan story opened
// with Dutch chosen before, at 6 h (every machine protected, the plan's rehearsal done). The plans
// panel, the charts, the inspector with its statecharts and the failover wizard speak Dutch, and the
// English of the same labels is gone. (The engine's own words, such as state names, are not checked.)
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { showChart, showTab, watchErrors } from './page';

/** Opens a scenario with Dutch chosen before (as the language switch keeps it), paused at its start. */
async function openInDutch(page: Page, id: string): Promise<void> {
  await page.addInitScript(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('PARAGLIDE_LOCALE', 'nl'));
  await page.goto(`/?test-hooks#/scenario/${id}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('button', { name: 'Afspelen', exact: true })).toBeVisible();
}

/** Serious or critical axe-core violations (WCAG 2.1 A and AA) of the page as it is now, one line each. */
async function blockingViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Moves the time slider (in Dutch "Tijd") to a simulated moment, in seconds. */
async function seekTo(page: Page, seconds: number): Promise<void> {
  const slider = page.getByRole('slider', { name: /^Tijd/ });
  await slider.fill(String(seconds));
  await expect(slider).toHaveValue(String(seconds));
}

test('the plans panel, the charts, the inspector and the failover wizard in Dutch', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openInDutch(page, 'recovery/recovery-plan');
  await seekTo(page, 6 * 3600);

  // The plans panel: the plan's card with its rehearsal, the run's timeline and the editor.
  await showTab(page, 'Plannen');
  const plan = page.getByRole('article', { name: 'erp-dr' });
  await expect(plan).toBeVisible();
  await expect(plan.getByText('Testfailover: Geslaagd')).toBeVisible();
  await expect(plan.getByRole('group', { name: 'erp-dr uitvoeren' }).getByRole('button', { name: 'Niet-geplande failover', exact: true })).toBeVisible();
  await expect(plan.getByRole('combobox', { name: 'Herstelpunt' })).toHaveValue('latest');
  await expect(plan.getByRole('option', { name: 'Laatst verwerkt' })).toHaveCount(1);
  const gantt = page.getByRole('figure', { name: 'Testfailover van erp-dr in de tijd' });
  await expect(gantt.getByRole('table', { name: 'Waarnaar elke machine is hersteld' })).toBeVisible();
  await expect(gantt.getByRole('columnheader', { name: 'Gegevensverlies' })).toBeVisible();
  await expect(gantt.getByRole('listitem').filter({ hasText: 'Groep 1 start op: dc-01' })).toContainText('klaar');
  const editor = page.getByRole('form', { name: 'Nieuw herstelplan' });
  await expect(editor.getByRole('textbox', { name: 'Plannaam' })).toBeVisible();
  await expect(editor.getByRole('region', { name: 'Machines die niet in het plan zijn' })).toBeVisible();
  await expect(editor.getByRole('combobox', { name: 'Groep voor web-01' })).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Een groep toevoegen', exact: true })).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Plan maken', exact: true })).toBeVisible();
  // Pressed with nothing filled in, the editor says what to fix, in Dutch.
  await editor.getByRole('button', { name: 'Plan maken', exact: true }).click();
  await expect(editor.getByRole('alert')).toHaveText('Het plan kan nog niet worden gemaakt: er moeten nog 2 dingen worden verbeterd (hierboven gemarkeerd).');
  await expect(editor.getByText('Geef het plan een naam: letters, cijfers, -, _ en . (maximaal 40 tekens).')).toBeVisible();
  await expect(editor.getByText('Groep 1 heeft geen machine: verplaats er een machine naartoe of verwijder de groep.')).toBeVisible();
  expect.soft(await blockingViolations(page), 'axe, the plans panel in Dutch').toEqual([]);

  // The charts: named, keyed and summed up in Dutch.
  await expect(page.locator('.panel.charts').getByRole('group', { name: 'Welke grafiek' })).toBeVisible();
  await showChart(page, 'RPO');
  await expect(page.getByRole('figure', { name: /^RPO per machine tegen de drempel van \d/ })).toBeVisible();
  await showChart(page, 'Herstelpunten');
  const points = page.getByRole('figure', { name: /^Herstelpunten per machine, bewaard gedurende / });
  await expect(points).toBeVisible();
  await expect(points.getByText('crash-consistent', { exact: true })).toBeVisible();
  await expect(points.getByText('verwijderd, vervaagt', { exact: true })).toBeVisible();
  await expect(points.locator('.summary')).toHaveText(/^Herstelpunten bewaard gedurende .+: dc-01 \d+ herstelpunten \(\d+ app-consistent\), nieuwste .+ oud/);

  // The inspector of a machine, with its actions and statecharts.
  await showTab(page, 'Machines');
  await page.getByRole('row', { name: /^web-01\b/ }).getByRole('button', { name: 'web-01', exact: true }).click();
  const inspector = page.getByRole('region', { name: 'web-01', exact: true });
  await expect(inspector.getByRole('heading', { name: 'Acties', exact: true })).toBeVisible();
  await expect(inspector.getByRole('button', { name: 'Nu opnieuw synchroniseren', exact: true })).toBeVisible();
  await expect(inspector.getByRole('spinbutton', { name: /^Schrijfsnelheid/ })).toBeVisible();
  await expect(inspector.getByRole('heading', { name: 'Storing veroorzaken', exact: true })).toBeVisible();
  await expect(inspector.getByRole('combobox', { name: 'Gedurende' })).toContainText('tot ik de storing ophef');
  await expect(inspector.getByRole('heading', { name: 'Toestandsdiagrammen', exact: true })).toBeVisible();
  await expect(inspector.getByRole('img', { name: /^Toestandsdiagram Replication, nu in / })).toBeVisible();
  await expect(inspector.getByRole('list', { name: 'Replication: gebeurtenissen die nu kunnen worden verwerkt' })).toBeVisible();
  // No English label left in it.
  await expect(inspector.getByRole('heading', { name: 'Statecharts' })).toHaveCount(0);
  await expect(inspector.getByRole('heading', { name: 'Break it' })).toHaveCount(0);
  await expect(inspector.getByRole('button', { name: 'Resync now' })).toHaveCount(0);
  expect.soft(await blockingViolations(page), 'axe, the inspector in Dutch').toEqual([]);
  await inspector.getByRole('button', { name: 'De inspector sluiten' }).click();
  await expect(inspector).toBeHidden();

  // The recovery panel and the failover wizard.
  const recovery = page.getByRole('region', { name: 'Herstel', exact: true });
  await expect(recovery.getByRole('button', { name: 'Siteramp…', exact: true })).toBeVisible();
  await expect(recovery.getByText('draait op de primaire site').first()).toBeVisible();
  const actions = recovery.getByRole('group', { name: 'Herstelacties voor web-01', exact: true });
  await actions.getByRole('button', { name: 'Failover…', exact: true }).click();
  const wizard = page.getByRole('dialog', { name: 'Failover van web-01', exact: true });
  await expect(wizard.getByRole('table', { name: /^Wat elke keuze van herstelpunt zou kosten/ })).toBeVisible();
  await expect(wizard.getByRole('radio', { name: 'Laatst verwerkt', exact: true })).toBeVisible();
  await expect(wizard.getByRole('radio', { name: /^Gepland: de bron afsluiten/ })).toBeVisible();
  await expect(wizard.getByRole('checkbox', { name: /^Eerst de bron afsluiten en de laatste wijzigingen verzenden/ })).toBeVisible();
  for (const column of ['Herstelpunt', 'Gemaakt op', 'Gegevensverlies', 'Verloren schrijfbewerkingen', 'Verwachte RTO']) await expect(wizard.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  await expect(wizard.getByRole('slider', { name: 'Bewaard herstelpunt' })).toBeVisible();
  await expect(wizard.getByRole('button', { name: 'Failover uitvoeren', exact: true })).toBeVisible();
  await expect(wizard.locator('footer .sum')).toHaveText(/^Verliest /);
  expect.soft(await blockingViolations(page), 'axe, the failover wizard in Dutch').toEqual([]);
  // The English of the same labels is gone.
  await expect(wizard.getByRole('radio', { name: 'Latest processed' })).toHaveCount(0);
  await expect(wizard.getByRole('columnheader', { name: 'Data lost' })).toHaveCount(0);
  await expect(wizard.getByRole('button', { name: 'Fail over', exact: true })).toHaveCount(0);
  await wizard.getByRole('button', { name: 'Annuleren', exact: true }).click();
  await expect(wizard).toBeHidden();

  // And nowhere on the page the English of the panels.
  for (const name of ['Recovery', 'Machines not in the plan']) await expect(page.getByRole('region', { name, exact: true })).toHaveCount(0);
  for (const name of ['Create plan', 'Add a group', 'Site disaster…', 'Fail over…', 'Test failover']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole('figure', { name: /^RPO per machine against/ })).toHaveCount(0);
  await expect(page.getByRole('figure', { name: /^Recovery points per machine/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});
