// The simulation's only source of randomness: a seeded sfc32 generator whose state is plain data
// held in the simulation state. Independent streams (one per machine) are derived from the seed.

export interface RandomState {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** splitmix32: turns a seed and a stream number into well-spread 32-bit words. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function createRandom(seed: number, stream = 0): RandomState {
  const base = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x27d4eb2d)) | 0;
  const state: RandomState = {
    a: splitmix32(base),
    b: splitmix32(base + 1),
    c: splitmix32(base + 2),
    d: splitmix32(base + 3)
  };
  // Warm up so that nearby seeds diverge.
  for (let i = 0; i < 12; i++) nextUint32(state);
  return state;
}

/** Next 32-bit unsigned integer (sfc32). */
export function nextUint32(s: RandomState): number {
  const t = (((s.a + s.b) | 0) + s.d) | 0;
  s.d = (s.d + 1) | 0;
  s.a = s.b ^ (s.b >>> 9);
  s.b = (s.c + (s.c << 3)) | 0;
  s.c = (s.c << 21) | (s.c >>> 11);
  s.c = (s.c + t) | 0;
  return t >>> 0;
}

/** Uniform float in [0, 1). */
export function nextFloat(s: RandomState): number {
  return nextUint32(s) / 4294967296;
}

/** Uniform integer in [0, n). */
export function nextInt(s: RandomState, n: number): number {
  return Math.floor(nextFloat(s) * n);
}

/** Exponentially distributed value with the given mean (inter-arrival time of a Poisson process). */
export function nextExponential(s: RandomState, mean: number): number {
  // 1 - u is in (0, 1], so the log is finite.
  return -Math.log(1 - nextFloat(s)) * mean;
}
