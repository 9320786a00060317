// How a shared link's capacity is split among machines for one window: max-min fair over their
// estimated demands, and never less than an equal share for a machine that has something to send.

/**
 * Fills `rates` (bytes per second per machine) from `demands` (bytes each machine may send this
 * window, 0 for none). Returns the share given to a machine that turns out to need the link without
 * having planned to. `scratch` holds at least as many entries as `demands`.
 *
 * Together the rates never exceed the capacity: what the planned demands leave unused is spread
 * evenly over every machine of the link, so a machine that sends more than it planned, or starts
 * sending during the window, gets its part of the spare capacity and no more. (A link that planned
 * for nobody gives each machine an equal share of all of it.)
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
  const span = dt > 0 ? dt : 1;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const d = demands[i]!;
    const r = d > 0 ? (d < level ? d : level) / span : 0;
    rates[i] = r;
    used += r;
  }
  const spare = Math.max(0, capacity - used) / Math.max(1, n);
  // Never quite nothing, so a saturated link still moves a late sender along until the next plan
  // (a crawl of a billionth of the link: too little to show in any figure).
  const floor = Math.max(spare, capacity * 1e-9);
  for (let i = 0; i < n; i++) if (demands[i]! > 0) rates[i] = Math.max(rates[i]! + spare, floor);
  return floor;
}

/**
 * Two-level fair sharing for scale-out process servers: the pools (process servers) first share
 * the hop's `capacity` max-min fairly by what their machines ask for, none getting more than its
 * own `poolCapacity`, and capacity a pool leaves unused goes to the others up to theirs; then each
 * pool's machines share its part as `shareLink` does. Fills `rates` and returns each pool's floor
 * (the share of a machine that had planned nothing) in `floors`.
 */
export function sharePools(
  demands: Float64Array,
  rates: Float64Array,
  poolOf: Int32Array,
  poolCapacity: Float64Array,
  capacity: number,
  dt: number,
  floors: Float64Array,
  scratch: Float64Array
): void {
  const pools = poolCapacity.length;
  const demand = new Float64Array(pools);
  for (let i = 0; i < demands.length; i++) demand[poolOf[i]!]! += demands[i]!;
  // What each pool can use: its demand as a rate, and its own limit.
  const want = new Float64Array(pools);
  for (let p = 0; p < pools; p++) want[p] = Math.min(dt > 0 ? demand[p]! / dt : 0, poolCapacity[p]!);
  let wanted = 0;
  for (let p = 0; p < pools; p++) wanted += want[p]!;
  const part = new Float64Array(pools);
  if (wanted > capacity) {
    // Not enough for every pool: max-min fair on what they want.
    fill(want, capacity, part);
  } else {
    // Enough: what is left over goes evenly to the pools that can use more, up to their limits.
    const room = new Float64Array(pools);
    for (let p = 0; p < pools; p++) room[p] = poolCapacity[p]! - want[p]!;
    fill(room, Number.isFinite(capacity) ? capacity - wanted : Infinity, part);
    for (let p = 0; p < pools; p++) part[p]! += want[p]!;
  }
  const members = new Float64Array(demands.length);
  const memberRates = new Float64Array(demands.length);
  for (let p = 0; p < pools; p++) {
    let n = 0;
    for (let i = 0; i < demands.length; i++) if (poolOf[i] === p) members[n++] = demands[i]!;
    floors[p] = shareLink(members.subarray(0, n), memberRates.subarray(0, n), part[p]!, dt, scratch);
    let k = 0;
    for (let i = 0; i < demands.length; i++) if (poolOf[i] === p) rates[i] = memberRates[k++]!;
  }
}

/** Water-filling: shares `capacity` among `limits` max-min fairly into `out` (each at most its limit). */
function fill(limits: Float64Array, capacity: number, out: Float64Array): void {
  const n = limits.length;
  const order = [...limits.keys()].sort((a, b) => limits[a]! - limits[b]!);
  let left = capacity;
  for (let k = 0; k < n; k++) {
    const p = order[k]!;
    const fair = left / (n - k);
    const give = Math.min(limits[p]!, fair);
    out[p] = give;
    left -= give;
  }
}
