// The one-screen layout's arrangement: a tall drawing goes beside the panels, a wide one above
// them, whichever draws it larger; the chart keeps a useful height in both.
import { describe, expect, it } from 'vitest';
import { arrange } from '../../src/app/sandbox/stage.svelte';

describe('arrange', () => {
  it('puts a tall drawing beside the panels, at full size or more on a 1280 x 720 screen', () => {
    // VMware to Azure's drawing with its recovery places: 747 x 534 at scale 1.
    const s = arrange(1256, 562, 747, 534, true);
    expect(s.mode).toBe('side');
    expect(s.scale).toBeGreaterThanOrEqual(1);
    expect(s.chart).toBeGreaterThanOrEqual(190);
  });

  it('puts a wide drawing across the top, where it is drawn larger than beside the panels', () => {
    const wide = arrange(1256, 562, 1078, 398, false);
    expect(wide.mode).toBe('stacked');
    const sideScale = Math.min((1256 - 465 - 10 - 16) / 1078, (562 - 16) / 398);
    expect(wide.scale).toBeGreaterThan(sideScale);
  });

  it('grows the drawing with the screen: a third larger at 1920 x 1080 for every kind of drawing', () => {
    for (const [w, h] of [[747, 534], [1078, 398], [588, 466]] as const) {
      expect(arrange(1896, 920, w, h, true).scale).toBeGreaterThanOrEqual(16 / 12);
    }
  });
});

describe('arrange on a tall or a very large screen', () => {
  it('gives the panels what the drawing cannot use past a scale that reads across a room', () => {
    const s = arrange(1256, 1480, 686, 466, true);
    // The drawing still reads at more than 1.8 times its size, and the rest goes to the panels.
    expect(s.scale).toBeGreaterThanOrEqual(1.8);
    expect(s.scale).toBeLessThan(2);
    expect(s.mode).toBe('stacked');
    if (s.mode === 'stacked') expect(s.bottom).toBeGreaterThan(460);
  });
});
