// What every component's statechart shares with the layers above it: a health, and a way to write
// an XState state value as dotted paths.

/** A component's or machine's health, as the portal shows it. */
export type Health = 'healthy' | 'warning' | 'critical' | 'notApplicable';

/** Turns an XState state value into dotted paths ("power.running", "cache.normal"). */
export function statePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => statePaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}
