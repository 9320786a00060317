// Maps simulated seconds to the site's local date and time, and knows the office hours
// (scheduled resyncs run outside them). Times are site-local; no time zones are involved.

export interface OfficeHours {
  /** Days of the week with office hours, 0 = Sunday ... 6 = Saturday. */
  days: readonly number[];
  /** Start and end, in minutes after midnight. */
  fromMinute: number;
  toMinute: number;
}

export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A moment (epoch milliseconds, site-local) as people read it: "Mon 3 Mar 10:30", with ":22" when the seconds are not zero. */
export function clockLabel(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const s = d.getUTCSeconds();
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${s ? `:${pad(s)}` : ''}`;
}

export class Calendar {
  /** Epoch milliseconds (UTC arithmetic, used as site-local) of simulated time zero. */
  constructor(
    readonly startEpochMs: number,
    readonly office: OfficeHours
  ) {}

  /** ISO-like local date-time of a simulated time, e.g. "2025-03-03T09:05:00". */
  label(t: number): string {
    return new Date(this.startEpochMs + Math.round(t * 1000)).toISOString().slice(0, 19);
  }

  /**
   * A moment as people read it, the way the page writes moments: "Mon 3 Mar 10:30", with ":22"
   * when the seconds are not zero.
   */
  clock(t: number): string {
    return clockLabel(this.epochMs(t));
  }

  /** Epoch milliseconds (site-local, UTC arithmetic) of a simulated time, to the second. */
  epochMs(t: number): number {
    return this.startEpochMs + Math.round(t) * 1000;
  }

  isOfficeHours(t: number): boolean {
    const d = new Date(this.startEpochMs + t * 1000);
    const minute = d.getUTCHours() * 60 + d.getUTCMinutes() + d.getUTCSeconds() / 60;
    return this.office.days.includes(d.getUTCDay()) && minute >= this.office.fromMinute && minute < this.office.toMinute;
  }

  /** The first moment at or after t that is outside office hours. */
  nextOutsideOfficeHours(t: number): number {
    if (!this.isOfficeHours(t)) return t;
    const d = new Date(this.startEpochMs + t * 1000);
    const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    const end = midnight + this.office.toMinute * 60_000;
    return (end - this.startEpochMs) / 1000;
  }

  /** Office-hours intervals [from, to) in simulated seconds that overlap [t0, t1). */
  officeIntervals(t0: number, t1: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const first = new Date(this.startEpochMs + t0 * 1000);
    let day = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate());
    for (; (day - this.startEpochMs) / 1000 < t1; day += 86_400_000) {
      if (!this.office.days.includes(new Date(day).getUTCDay())) continue;
      const from = (day + this.office.fromMinute * 60_000 - this.startEpochMs) / 1000;
      const to = (day + this.office.toMinute * 60_000 - this.startEpochMs) / 1000;
      if (to > t0 && from < t1) out.push([Math.max(from, t0), Math.min(to, t1)]);
    }
    return out;
  }
}

/** Parses "HH:MM" into minutes after midnight. */
export function parseClock(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Parses "YYYY-MM-DDTHH:MM" (optionally ":SS") as site-local time into epoch milliseconds. */
export function parseLocalDateTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  // Date.UTC reads years 0-99 as 1900-1999; set the year separately so every year means itself.
  const date = new Date(Date.UTC(2000, mo! - 1, d!, h!, mi!, s!));
  date.setUTCFullYear(y!, mo! - 1, d!);
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) return undefined;
  return date.getTime();
}
