// Small typed readers that collect problems with their JSON path instead of throwing, so a scenario
// file gets every problem reported at once.

import { formatDuration, parseDuration } from '../time/duration';
import type { Problem } from './config';

export const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
};

export const childPath = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/** The longest run a file may ask for (`until`), and so the longest any duration in it may be: 400 days. */
export const MAX_RUN_SECONDS = 400 * 86_400;

/** Problems listed one by one; past these a file's further problems are counted in one line. */
export const MAX_PROBLEMS = 100;

export class Checker {
  readonly problems: Problem[] = [];
  private unlisted = 0;

  add(path: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) {
      this.problems.push({ path, message });
      return;
    }
    // A file with a million problems gets the first hundred and a count, not hundreds of MB of text.
    this.unlisted++;
    const more = { path: '$', message: `and ${this.unlisted.toLocaleString('en-US')} more ${this.unlisted === 1 ? 'problem' : 'problems'} not listed: mend the ones above first` };
    if (this.unlisted === 1) this.problems.push(more);
    else this.problems[MAX_PROBLEMS] = more;
  }

  /** Reports a required field that is missing, saying what it should be. */
  missing(path: string, what: string): undefined {
    this.add(path, `is required: ${what}`);
    return undefined;
  }

  object(v: unknown, path: string): Record<string, unknown> | undefined {
    if (v === undefined) return this.missing(path, 'an object');
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    this.add(path, `must be an object, not ${describe(v)}`);
    return undefined;
  }

  array(v: unknown, path: string): unknown[] | undefined {
    if (v === undefined) return this.missing(path, 'an array');
    if (Array.isArray(v)) return v;
    this.add(path, `must be an array, not ${describe(v)}`);
    return undefined;
  }

  /** Reports keys that are not allowed. */
  onlyKeys(obj: Record<string, unknown>, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(childPath(path, key), `is not a known field here; allowed: ${allowed.join(', ')}`);
    }
  }

  duration(v: unknown, path: string, min: number, max: number): number | undefined {
    if (v === undefined) return this.missing(path, 'a duration such as "15m"');
    if (typeof v !== 'string') {
      this.add(path, `must be a duration string such as "90s", "15m", "2h30m" or "3d", not ${describe(v)}`);
      return undefined;
    }
    const seconds = parseDuration(v);
    if (seconds === undefined) {
      this.add(path, `${describe(v)} is not a duration; write it like "90s", "15m", "2h30m" or "3d"`);
      return undefined;
    }
    if (seconds < min || seconds > max) {
      this.add(path, `${v.length > 40 ? `${v.slice(0, 40)}…` : v} is out of range: allowed ${formatDuration(min)} to ${formatDuration(max)}`);
      return undefined;
    }
    return seconds;
  }

  number(v: unknown, path: string, min: number, max: number, integer = false): number | undefined {
    if (v === undefined) return this.missing(path, `a number from ${min} to ${max}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.add(path, `must be a number, not ${describe(v)}`);
      return undefined;
    }
    if (integer && !Number.isInteger(v)) {
      this.add(path, `must be a whole number, not ${v}`);
      return undefined;
    }
    if (v < min || v > max) {
      this.add(path, `${v} is out of range: allowed ${min} to ${max}`);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T | undefined {
    if (v === undefined) return this.missing(path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    this.add(path, `${describe(v)} is not allowed; use one of: ${options.map((o) => JSON.stringify(o)).join(', ')}`);
    return undefined;
  }

  boolean(v: unknown, path: string): boolean | undefined {
    if (typeof v === 'boolean') return v;
    this.add(path, `must be true or false, not ${describe(v)}`);
    return undefined;
  }

  id(v: unknown, path: string): string | undefined {
    if (v === undefined) return this.missing(path, 'an id of letters, digits, ".", "_" or "-"');
    if (typeof v === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(v)) return v;
    this.add(path, `${describe(v)} is not a valid id: 1 to 40 letters, digits, ".", "_" or "-", starting with a letter or digit`);
    return undefined;
  }
}
