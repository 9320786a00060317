// How the page writes times, sizes and states for people, in the page's language.

import { m } from '../paraglide/messages';
import { getLocale } from '../paraglide/runtime';

// The page's language (app/i18n/language.svelte.ts makes it a rune the page's texts follow; read
// through paraglide's getLocale so this file also runs where runes do not, as in the browser tests).
const language = (): string => getLocale();

/** Seconds as a short duration: "45 s", "12 min", "3 h 20 min", "2 d 4 h" (in Dutch "3 u 20 min"). */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const hour = language() === 'nl' ? 'u' : 'h';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 === 0 ? `${h} ${hour}` : `${h} ${hour} ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} ${hour}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** The simulated clock at t as a Date read in UTC (the clock has no time zone). */
function clockAt(t: number, start: string): Date {
  return new Date(Date.parse(`${start.length === 16 ? `${start}:00` : start}Z`) + Math.round(t) * 1000);
}

/**
 * A moment of the run on the simulated clock, the one way the page writes moments: "Mon 3 Mar
 * 17:12", with ":05" when the seconds are not zero. `start` is the local date-time at 0 s
 * ("2025-03-03T08:00:00", the topology's `start`); the clock has no time zone.
 */
export function moment(t: number, start: string): string {
  const d = clockAt(t, start);
  const s = d.getUTCSeconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${s ? `:${pad(s)}` : ''}`;
  if (language() === 'nl') return `${DUTCH_DAY.format(d).replace(/\.$/, '')} ${d.getUTCDate()} ${DUTCH_MONTH.format(d).replace(/\.$/, '')} ${time}`;
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${time}`;
}

// Dutch names of days and months as Intl writes them ("ma", "mrt"), read on the UTC clock.
const DUTCH_DAY = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', timeZone: 'UTC' });
const DUTCH_MONTH = new Intl.DateTimeFormat('nl-NL', { month: 'short', timeZone: 'UTC' });

/** The clock time alone ("17:12"), for time axes, where the day is marked apart. */
export function clockTime(t: number, start: string): string {
  const d = clockAt(t, start);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Bytes for people, in binary units, as the engine's messages write them (the page does not import engine code). */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(n >= 100 ? 0 : 1)} ${units[i]}`;
}

/** A state name for people: "initialReplication" -> "initial replication". */
export function words(state: string): string {
  return state.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const HEALTH: Record<string, () => string> = { healthy: m.health_healthy, warning: m.health_warning, critical: m.health_critical, notApplicable: m.health_not_applicable };

/** A health state for people ("Healthy", in Dutch "In orde"); undefined for a state that has none. */
export function healthLabel(health: string): string | undefined {
  return HEALTH[health]?.();
}

/** Whole seconds as a scenario file writes a duration ("3h12m", "45s", "0s"); the page does not import the engine's formatter. */
export function fileDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s === 0) return '0s';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${rest > 0 ? `${rest}s` : ''}`;
}
