// How a shared link's capacity is split among machines for one window: max-min fair over their
// estimated demands, and never less than an equal share for a machine that has something to send.

/**
 * Fills `rates` (bytes per second per machine) from `demands` (bytes each machine may send this
 * window, 0 for none). Returns the equal share given to a machine that turns out to need the link
 * without having planned to. `scratch` holds at least as many entries as `demands`.
 */
export function shareLink(demands: Float64Array, rates: Float64Array, capacity: number, dt: number, scratch: Float64Array): number {
  const n = demands.length;
  let active = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = demands[i]!;
    if (d > 0) {
      scratch[active++] = d;
      sum += d;
    }
  }
  const floor = capacity / Math.max(1, active);
  let level = Infinity;
  if (dt > 0 && sum > capacity * dt) {
    const sorted = scratch.subarray(0, active).sort();
    let left = capacity * dt;
    for (let k = 0; k < active; k++) {
      const fair = left / (active - k);
      if (sorted[k]! >= fair) {
        level = fair;
        break;
      }
      left -= sorted[k]!;
    }
  }
  for (let i = 0; i < n; i++) {
    const d = demands[i]!;
    rates[i] = d > 0 ? Math.max((d < level ? d : level) / (dt > 0 ? dt : 1), floor) : 0;
  }
  return floor;
}
