// What the links carry, for the live page: the meter counts the bytes each transfer puts on each
// link it travels (forward, or the scenario's way back for a machine at the target), and the rates
// are averaged over a window that never reaches back past the link's last change.

import { METER_BIN, type LinkMeter } from '../data/linkMeter';
import { linkFor } from './blocks';
import type { Estate } from './estate';

/** The estate as the link rates read it: with where the data has been worked out to, and when each link last changed. */
export type MeteredEstate = Estate & { readonly dataTime: number; readonly linkChangedAt: ReadonlyMap<string, number> };

/**
 * What each link carried, bytes a second on the wire, over the `window` seconds of simulated time
 * up to where the data has been worked out, or since the link last changed if that is later (a
 * link that went down reads 0 from that moment). Keys: link ids, and with scale-out process
 * servers "uplink@<server>" for each server's part of the uplink. Null for a link whose window
 * is still shorter than a second. Empty until `watchLinks` was called.
 */
export function linkRates(e: MeteredEstate, meter: LinkMeter | undefined, window: number): Record<string, { bytesPerSecond: number | null; from: number; to: number }> {
  const out: Record<string, { bytesPerSecond: number | null; from: number; to: number }> = {};
  if (!meter) return out;
  const to = e.dataTime;
  const keys = new Set([...e.def.links.filter((l) => l.purpose === 'data').map((l) => l.id), ...meter.keys]);
  for (const key of keys) {
    const link = key.split('@')[0]!;
    // After a change, from the first bin boundary after it: a bin that holds bytes from before the
    // change (at the old bandwidth) never counts.
    const changed = e.linkChangedAt.get(link);
    const from = Math.max(0, to - window, changed === undefined ? 0 : Math.ceil(changed / METER_BIN - 1e-9) * METER_BIN);
    const down = (e.conditions.linkShare.get(link) ?? 1) === 0 || !e.deployed.has(link);
    out[key] = { bytesPerSecond: down ? 0 : meter.rate(key, from, to), from, to };
  }
  return out;
}

/** The links machine i's transfers over hop h travel now: forward, or the scenario's way back for a machine at the target. */
export function routeOf(e: Estate, i: number, h: number): readonly string[] {
  if (h >= e.def.hops.length) return []; // applying at the target uses no link
  const m = e.machines[i]!;
  if (m.side === 'target') return e.def.recovery.reverseHops[h]?.links ?? [];
  const link = linkFor(e, i, h);
  const builtIn = e.def.processServer;
  const pooled = e.fleet.pooled && builtIn !== undefined && e.def.hops[h]!.endpoints[0] === builtIn;
  return pooled ? [link, `${link}@${e.fleet.of(i).id}`] : [link];
}
