// The page's pacer: heavy updates take turns, one per turn, in the order they were queued; a job
// queued again keeps its place and runs once; cancelled and disposed jobs never run. And the frame
// history's redraw rounds go through it: each chart in a turn of its own.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from '../../src/app/sandbox/pacer';
import { FrameHistory } from '../../src/app/sandbox/history.svelte';
import { Session } from '../../workers/session';

/** Runs the next turn (Node has no animation frames: each turn is a timeout). */
const turn = () => vi.advanceTimersToNextTimer();

describe('pacer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs one job per turn, in the order queued', () => {
    vi.useFakeTimers();
    const pacer = new Pacer();
    const ran: string[] = [];
    pacer.run('a', () => ran.push('a'));
    pacer.run('b', () => ran.push('b'));
    pacer.run('c', () => ran.push('c'));
    expect(ran).toEqual([]);
    turn();
    expect(ran).toEqual(['a']);
    turn();
    expect(ran).toEqual(['a', 'b']);
    turn();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs a job queued again once, in its first place, as last queued', () => {
    vi.useFakeTimers();
    const pacer = new Pacer();
    const ran: string[] = [];
    pacer.run('tables', () => ran.push('tables 1'));
    pacer.run('chart', () => ran.push('chart'));
    pacer.run('tables', () => ran.push('tables 2'));
    expect(pacer.has('tables')).toBe(true);
    turn();
    turn();
    turn();
    expect(ran).toEqual(['tables 2', 'chart']);
    expect(pacer.has('tables')).toBe(false);
  });

  it('drops cancelled jobs, and takes none once disposed', () => {
    vi.useFakeTimers();
    const pacer = new Pacer();
    const ran: string[] = [];
    pacer.run('a', () => ran.push('a'));
    pacer.run('b', () => ran.push('b'));
    pacer.cancel('a');
    turn();
    expect(ran).toEqual(['b']);
    pacer.run('c', () => ran.push('c'));
    pacer.dispose();
    pacer.run('d', () => ran.push('d'));
    vi.runAllTimers();
    expect(ran).toEqual(['b']);
  });

  it('goes on with the next job when one throws', () => {
    vi.useFakeTimers();
    const pacer = new Pacer();
    const ran: string[] = [];
    pacer.run('bad', () => {
      throw new Error('broken chart');
    });
    pacer.run('good', () => ran.push('good'));
    expect(() => turn()).toThrow('broken chart');
    turn();
    expect(ran).toEqual(['good']);
  });
});

describe('frame history redraw rounds', () => {
  const file = JSON.parse(readFileSync(new URL('../../public/scenarios/hyperv-to-azure.json', import.meta.url), 'utf8'));

  /** A pacer that writes down each job as it runs, with the time the recovery points are drawn at. */
  class Recording extends Pacer {
    ran: string[] = [];
    history?: FrameHistory;
    override run(key: string, job: () => void): void {
      super.run(key, () => {
        job();
        this.ran.push(`${key} (points at ${this.history?.now})`);
      });
    }
  }

  it('redraw each chart in a turn of its own, the page’s jobs taking turns with them', () => {
    vi.useFakeTimers();
    const pacer = new Recording();
    const h = new FrameHistory({ pacer, redrawMs: 100 });
    pacer.history = h;
    const s = new Session((f) => h.push(f));
    s.open(file);
    // The opening frame is drawn by a round of five turns, one per chart.
    expect(pacer.ran).toEqual([]);
    vi.runAllTimers();
    expect(pacer.ran).toEqual(['chart:rpo (points at 0)', 'chart:hrl (points at 0)', 'chart:ps (points at 0)', 'chart:points (points at 0)', 'chart:copies (points at 0)']);
    pacer.ran = [];
    s.seek(3600);
    // The next round starts once its wait is over; the page's tables, queued then, take their turn after the charts queued before them.
    turn();
    expect(pacer.ran).toEqual([]);
    pacer.run('tables', () => undefined);
    turn();
    s.seek(7200);
    for (let k = 0; k < 5; k++) turn();
    expect(pacer.ran).toEqual([
      'chart:rpo (points at 0)',
      'chart:hrl (points at 0)',
      'chart:ps (points at 0)',
      // Each chart draws what has come by its turn.
      'chart:points (points at 7200)',
      'chart:copies (points at 7200)',
      'tables (points at 7200)'
    ]);
    // A frame came during the round: another round follows, so the charts drawn before it catch up.
    vi.runAllTimers();
    expect(pacer.ran.slice(6)).toEqual(['chart:rpo (points at 7200)', 'chart:hrl (points at 7200)', 'chart:ps (points at 7200)', 'chart:points (points at 7200)', 'chart:copies (points at 7200)']);
    expect(vi.getTimerCount()).toBe(0);
    h.dispose();
  });

  it('redraw every chart at once after a rewind', () => {
    vi.useFakeTimers();
    const pacer = new Recording();
    const h = new FrameHistory({ pacer, redrawMs: 100 });
    const s = new Session((f) => h.push(f));
    s.open(file);
    s.seek(7200);
    vi.runAllTimers();
    expect(h.now).toBe(7200);
    pacer.ran = [];
    s.seek(1800);
    expect(h.now).toBe(1800);
    vi.runAllTimers();
    expect(pacer.ran).toEqual([]);
    h.dispose();
  });
});
