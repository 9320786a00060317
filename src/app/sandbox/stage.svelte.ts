// Where the one-screen layout puts the topology, the chart and the tabbed panels. Two arrangements:
// the topology on the left with a column beside it (story, chart, panels), or the topology across
// the top with the chart and the panels under it. The page takes the one that draws the topology
// larger, since its text has to stay readable (12 px at 1280 x 720, 16 px at 1920 x 1080); a tall
// drawing goes beside, a wide one on top.

/** Room the panels' padding and borders take around the drawing. */
const PAD = 16;
const GAP = 10;
/** A scale past which the topology grows no further while the panels beside it are small. */
const ENOUGH = 1.8;

export type Stage =
  | { mode: 'side'; side: number; chart: number; scale: number }
  | { mode: 'stacked'; bottom: number; chart: number; scale: number };

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * The arrangement for a stage of `width` x `height` pixels and a drawing of its natural size; the
 * chart's height in either; `story` reserves room for the story's card in the side column.
 */
export function arrange(width: number, height: number, drawingW: number, drawingH: number, story: boolean): Stage {
  // Past a scale that reads well across a room the drawing gains nothing: the panels get the rest.
  const side = Math.round(Math.max(clamp(width * 0.35, 420, 720), Math.min(width * 0.5, width - drawingW * ENOUGH - PAD - GAP)));
  const sideScale = Math.min((width - side - GAP - PAD) / drawingW, (height - PAD) / drawingH);
  const bottom = Math.round(Math.max(clamp(height * 0.32, 180, 460), Math.min(height * 0.5, height - drawingH * ENOUGH - PAD - GAP)));
  const stackedScale = Math.min((width - PAD) / drawingW, (height - bottom - GAP - PAD) / drawingH);
  if (stackedScale > sideScale * 1.05) return { mode: 'stacked', bottom, chart: bottom - PAD, scale: stackedScale };
  // Beside the drawing: the story's card, the chart, and the panels with the rest (at least 40 %).
  const rest = height - (story ? 112 : 0) - 2 * GAP;
  return { mode: 'side', side, chart: Math.round(clamp(rest * 0.45, 190, 480)), scale: sideScale };
}

/**
 * Whether the window is large enough for the one-screen layout: a rune that follows resizes, for a
 * component to call while it is set up (it stops listening when the component goes).
 */
export function oneScreen(query = '(min-width: 60rem) and (min-height: 34rem)'): { readonly on: boolean } {
  // (Typed here: the engine's and the tests' type check has no DOM library.)
  type Follow = (e: { matches: boolean }) => void;
  type Query = { matches: boolean; addEventListener(type: 'change', f: Follow): void; removeEventListener(type: 'change', f: Follow): void };
  const page = globalThis as unknown as { matchMedia?: (query: string) => Query };
  const list = page.matchMedia?.(query);
  let on = $state(list?.matches ?? false);
  $effect(() => {
    const follow = (e: { matches: boolean }): void => void (on = e.matches);
    list?.addEventListener('change', follow);
    return () => list?.removeEventListener('change', follow);
  });
  return {
    get on() {
      return on;
    }
  };
}
