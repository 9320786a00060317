// The page's two catalogues: the same keys, the same parameters in each sentence, the scenario
// names the same as the engine's in English; and the page's times read in Dutch when it speaks Dutch.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIOS } from '../../src/engine/index';
import { scenarioSummary, scenarioTitle } from '../../src/app/i18n/scenarios';
import { language, setLanguage } from '../../src/app/i18n/language.svelte';
import { duration, healthLabel, moment } from '../../src/app/format';

const read = (locale: string): Record<string, string> => {
  const { $schema: _, ...rest } = JSON.parse(readFileSync(new URL(`../../src/app/i18n/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>;
  return rest;
};
const params = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!).sort();

describe('the page’s catalogues', () => {
  const en = read('en');
  const nl = read('nl');

  it('have the same keys, each sentence with the same parameters', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) expect(params(nl[key]!), key).toEqual(params(en[key]!));
  });

  it('are written, not copied: most Dutch sentences differ from the English', () => {
    const same = Object.keys(en).filter((k) => en[k] === nl[k]);
    expect(same.length / Object.keys(en).length).toBeLessThan(0.15);
  });

  it('name the scenarios as the engine does in English, and in Dutch otherwise', () => {
    setLanguage('en');
    for (const id of SCENARIO_IDS) {
      expect(scenarioTitle({ id, title: '' })).toBe(SCENARIOS[id].title);
      expect(scenarioSummary({ id, summary: '' })).toBe(SCENARIOS[id].summary);
    }
    setLanguage('nl');
    expect(scenarioTitle({ id: 'vmware-to-azure', title: '' })).toBe("VMware-VM's naar Azure");
    setLanguage('en');
  });
});

describe('times and states in the page’s language', () => {
  it('writes durations, moments and health in English, then in Dutch', () => {
    setLanguage('en');
    expect(language()).toBe('en');
    expect(duration(2 * 3600 + 5 * 60)).toBe('2 h 5 min');
    expect(moment(9 * 3600 + 12 * 60, '2025-03-03T08:00:00')).toBe('Mon 3 Mar 17:12');
    expect(healthLabel('healthy')).toBe('Healthy');
    setLanguage('nl');
    expect(duration(2 * 3600 + 5 * 60)).toBe('2 u 5 min');
    expect(duration(3 * 86400 + 4 * 3600)).toBe('3 d 4 u');
    expect(moment(9 * 3600 + 12 * 60, '2025-03-03T08:00:00')).toBe('ma 3 mrt 17:12');
    expect(healthLabel('healthy')).toBe('In orde');
    setLanguage('en');
  });
});
