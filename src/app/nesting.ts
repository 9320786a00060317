// How deep a scenario file may nest. A real file needs a handful of levels; a hostile one can nest
// thousands deep, which the browser cannot even send to the engine's worker (its copy runs out of
// stack) and which used to leave the page on "Loading..." for ever. Checked without recursion.

/** Deepest nesting a scenario file may have; deeper objects cannot even be sent to the worker. */
export const MAX_NESTING = 64;

/** What is wrong with a file that nests deeper, after its path. */
export const NESTING_MESSAGE = `nests more than ${MAX_NESTING} levels deep; a scenario file needs a handful of levels, so this is not one`;

/** The first place a value nests deeper than `limit` levels, as a JSON path, or undefined. */
export function tooDeep(value: unknown, limit = MAX_NESTING): string | undefined {
  // Iterative, so the check itself cannot run out of stack.
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: '$', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return path;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: `${path}[${i}]`, depth: depth + 1 }));
    else for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: /^[A-Za-z_]\w*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`, depth: depth + 1 });
  }
  return undefined;
}

/** A path cut to its start and end, for a message. */
export const shortPath = (path: string): string => (path.length > 80 ? `${path.slice(0, 40)}…${path.slice(-30)}` : path);

