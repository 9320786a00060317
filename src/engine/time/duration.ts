// Durations as scenario files write them ("90s", "15m", "2h30m", "3d") and back.

const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
const DURATION = /^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/;

/** Parses a duration string into seconds, or returns undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const match = DURATION.exec(trimmed);
  if (!match) return undefined;
  let seconds = 0;
  const units = ['d', 'h', 'm', 's'];
  for (let i = 0; i < units.length; i++) {
    const part = match[i + 1];
    if (part !== undefined) seconds += Number(part) * (UNIT_SECONDS[units[i]!] ?? 0);
  }
  return seconds;
}

/** Formats seconds as a duration string ("2h30m", "45s", "72h", "5d"); fractions of a second are kept to ms. */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds)) return '∞';
  if (totalSeconds < 0) return `-${formatDuration(-totalSeconds)}`;
  let rest = Math.round(totalSeconds * 1000) / 1000;
  if (rest === 0) return '0s';
  let out = '';
  // Days only from 100 hours on: people write retention and outages in hours ("72h").
  for (const unit of rest >= 100 * 3600 ? (['d', 'h', 'm'] as const) : (['h', 'm'] as const)) {
    const size = UNIT_SECONDS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest = Math.round((rest - n * size) * 1000) / 1000;
    }
  }
  if (rest > 0) out += `${rest}s`;
  return out;
}
