// retryMachine: back-off schedule (1, 2, 4, 8, 10, then 30 minutes) on the virtual clock, recovery, reset, emitted events.

import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { RETRY_BACKOFF_MINUTES, retryDelayMinutes, retryMachine } from '../../../src/engine/components/retryMachine';
import type { RetryEmitted } from '../../../src/engine/components/retryMachine';
import { MINUTE, createVirtualClock } from './virtualClock';

function setupRetry() {
  const vc = createVirtualClock();
  const actor = createActor(retryMachine, { clock: vc.clock });
  const emitted: Array<{ at: number; event: RetryEmitted }> = [];
  actor.on('*', (event) => emitted.push({ at: vc.now(), event }));
  actor.start();
  return { vc, actor, emitted };
}

describe('retryDelayMinutes', () => {
  it('follows 1, 2, 4, 8, 10 and then 30 minutes forever', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map(retryDelayMinutes)).toEqual([1, 2, 4, 8, 10, 30, 30, 30, 30]);
  });

  it('matches the exported back-off table', () => {
    expect(RETRY_BACKOFF_MINUTES).toEqual([1, 2, 4, 8, 10, 30]);
    expect(retryDelayMinutes(RETRY_BACKOFF_MINUTES.length - 1)).toBe(30);
    expect(retryDelayMinutes(1000)).toBe(30);
  });
});

describe('retryMachine', () => {
  it('starts ok and ignores attempt events and retry.reset there', () => {
    const { actor, emitted } = setupRetry();
    expect(actor.getSnapshot().value).toBe('ok');
    actor.send({ type: 'attempt.succeeded' });
    actor.send({ type: 'attempt.failed', reason: 'network' });
    actor.send({ type: 'retry.reset' });
    expect(actor.getSnapshot().value).toBe('ok');
    expect(emitted).toEqual([]);
  });

  it('waits after transfer.failed and announces attempt 1 in 1 minute', () => {
    const { actor, emitted } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'network error' });
    expect(actor.getSnapshot().value).toBe('waiting');
    expect(actor.getSnapshot().context).toEqual({ attempt: 0, reason: 'network error' });
    expect(emitted.map((e) => e.event)).toEqual([
      { type: 'retry.scheduled', attempt: 1, delayMinutes: 1, reason: 'network error' }
    ]);
  });

  it('first attempt happens exactly 1 minute after the failure, not earlier', () => {
    const { vc, actor, emitted } = setupRetry();
    vc.advanceTo(42);
    actor.send({ type: 'transfer.failed', reason: 'low disk space' });
    vc.advanceTo(42 + MINUTE - 1);
    expect(actor.getSnapshot().value).toBe('waiting');
    vc.advanceTo(42 + MINUTE);
    expect(actor.getSnapshot().value).toBe('attempting');
    expect(emitted.at(-1)).toEqual({ at: 42 + MINUTE, event: { type: 'retry.attempt', attempt: 1 } });
  });

  it('attempts 1, 2, 4, 8, 10 minutes apart and then every 30 minutes when every attempt fails', () => {
    const { vc, actor, emitted } = setupRetry();
    const t0 = 5 * MINUTE;
    vc.advanceTo(t0);
    actor.send({ type: 'transfer.failed', reason: 'network error' });

    for (let i = 0; i < 9; i++) {
      vc.runNext();
      expect(actor.getSnapshot().value).toBe('attempting');
      actor.send({ type: 'attempt.failed', reason: `failure ${i + 1}` });
      expect(actor.getSnapshot().value).toBe('waiting');
    }

    const attempts = emitted.filter((e) => e.event.type === 'retry.attempt');
    expect(attempts.map((e) => (e.at - t0) / MINUTE)).toEqual([1, 3, 7, 15, 25, 55, 85, 115, 145]);
    expect(attempts.map((e) => (e.event as { attempt: number }).attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const gaps = attempts.map((e, i) => (e.at - (i === 0 ? t0 : attempts[i - 1]!.at)) / MINUTE);
    expect(gaps).toEqual([1, 2, 4, 8, 10, 30, 30, 30, 30]);
  });

  it('announces every attempt with its number, delay and the latest reason', () => {
    const { vc, actor, emitted } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'network error' });
    for (let i = 0; i < 6; i++) {
      vc.runNext();
      actor.send({ type: 'attempt.failed', reason: i < 3 ? 'network error' : 'low memory' });
    }
    const scheduled = emitted.filter((e) => e.event.type === 'retry.scheduled').map((e) => e.event);
    expect(scheduled).toEqual([
      { type: 'retry.scheduled', attempt: 1, delayMinutes: 1, reason: 'network error' },
      { type: 'retry.scheduled', attempt: 2, delayMinutes: 2, reason: 'network error' },
      { type: 'retry.scheduled', attempt: 3, delayMinutes: 4, reason: 'network error' },
      { type: 'retry.scheduled', attempt: 4, delayMinutes: 8, reason: 'network error' },
      { type: 'retry.scheduled', attempt: 5, delayMinutes: 10, reason: 'low memory' },
      { type: 'retry.scheduled', attempt: 6, delayMinutes: 30, reason: 'low memory' },
      { type: 'retry.scheduled', attempt: 7, delayMinutes: 30, reason: 'low memory' }
    ]);
  });

  it('emits scheduled, attempt, scheduled, attempt ... in order', () => {
    const { vc, actor, emitted } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'r' });
    vc.runNext();
    actor.send({ type: 'attempt.failed', reason: 'r' });
    vc.runNext();
    expect(emitted.map((e) => e.event.type)).toEqual(['retry.scheduled', 'retry.attempt', 'retry.scheduled', 'retry.attempt']);
  });

  it('returns to ok on attempt.succeeded and emits retry.recovered with the number of attempts', () => {
    const { vc, actor, emitted } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'network error' });
    vc.runNext();
    actor.send({ type: 'attempt.failed', reason: 'network error' });
    vc.runNext();
    actor.send({ type: 'attempt.failed', reason: 'network error' });
    vc.runNext();
    actor.send({ type: 'attempt.succeeded' });

    expect(actor.getSnapshot().value).toBe('ok');
    expect(emitted.at(-1)!.event).toEqual({ type: 'retry.recovered', attempts: 3 });
    expect(vc.scheduler.peekTime()).toBe(Infinity);
  });

  it('recovered on the first attempt reports 1 attempt', () => {
    const { vc, actor, emitted } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'x' });
    vc.runNext();
    actor.send({ type: 'attempt.succeeded' });
    expect(actor.getSnapshot().value).toBe('ok');
    expect(emitted.at(-1)!.event).toEqual({ type: 'retry.recovered', attempts: 1 });
  });

  it('starts a fresh back-off (1 minute, attempt 1) after recovering and failing again', () => {
    const { vc, actor, emitted } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'a' });
    for (let i = 0; i < 3; i++) {
      vc.runNext();
      actor.send({ type: 'attempt.failed', reason: 'a' });
    }
    vc.runNext();
    actor.send({ type: 'attempt.succeeded' });
    const failedAt = vc.now();
    actor.send({ type: 'transfer.failed', reason: 'b' });
    expect(emitted.at(-1)!.event).toEqual({ type: 'retry.scheduled', attempt: 1, delayMinutes: 1, reason: 'b' });
    vc.runNext();
    expect(emitted.at(-1)).toEqual({ at: failedAt + MINUTE, event: { type: 'retry.attempt', attempt: 1 } });
  });

  it('retry.reset from waiting returns to ok and cancels the pending attempt', () => {
    const { vc, actor, emitted } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'x' });
    vc.advanceTo(30);
    actor.send({ type: 'retry.reset' });
    expect(actor.getSnapshot().value).toBe('ok');
    expect(vc.scheduler.peekTime()).toBe(Infinity);
    vc.advanceTo(60 * MINUTE);
    expect(actor.getSnapshot().value).toBe('ok');
    expect(emitted.some((e) => e.event.type === 'retry.attempt')).toBe(false);
  });

  it('retry.reset from attempting returns to ok without emitting retry.recovered', () => {
    const { vc, actor, emitted } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'x' });
    vc.runNext();
    expect(actor.getSnapshot().value).toBe('attempting');
    actor.send({ type: 'retry.reset' });
    expect(actor.getSnapshot().value).toBe('ok');
    expect(emitted.some((e) => e.event.type === 'retry.recovered')).toBe(false);
    vc.advanceTo(60 * MINUTE);
    expect(actor.getSnapshot().value).toBe('ok');
  });

  it('ignores transfer.failed while waiting or attempting (the back-off is not restarted)', () => {
    const { vc, actor } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'x' });
    vc.runNext();
    actor.send({ type: 'attempt.failed', reason: 'x' });
    expect(actor.getSnapshot().context.attempt).toBe(1);
    actor.send({ type: 'transfer.failed', reason: 'y' });
    expect(actor.getSnapshot().value).toBe('waiting');
    expect(actor.getSnapshot().context).toEqual({ attempt: 1, reason: 'x' });
    vc.runNext();
    actor.send({ type: 'transfer.failed', reason: 'y' });
    expect(actor.getSnapshot().value).toBe('attempting');
  });

  it('ignores attempt results while waiting', () => {
    const { actor } = setupRetry();
    actor.send({ type: 'transfer.failed', reason: 'x' });
    actor.send({ type: 'attempt.succeeded' });
    expect(actor.getSnapshot().value).toBe('waiting');
    actor.send({ type: 'attempt.failed', reason: 'x' });
    expect(actor.getSnapshot().value).toBe('waiting');
    expect(actor.getSnapshot().context.attempt).toBe(0);
  });

  it('pure transition(): transfer.failed emits retry.scheduled and schedules the 1-minute back-off', () => {
    const [s0] = initialTransition(retryMachine);
    const [s1, actions] = transition(retryMachine, s0, { type: 'transfer.failed', reason: 'net' });
    expect(s1.value).toBe('waiting');
    expect(actions).toContainEqual(
      expect.objectContaining({
        type: 'xstate.emit',
        params: { event: { type: 'retry.scheduled', attempt: 1, delayMinutes: 1, reason: 'net' } }
      })
    );
    expect(actions).toContainEqual(expect.objectContaining({ type: 'xstate.raise', params: expect.objectContaining({ delay: 60_000 }) }));
  });

  it('pure transition(): the 6th failure schedules the next attempt in 30 minutes', () => {
    const snapshot = retryMachine.resolveState({ value: 'attempting', context: { attempt: 4, reason: 'r' } });
    const [next, actions] = transition(retryMachine, snapshot, { type: 'attempt.failed', reason: 'r' });
    expect(next.value).toBe('waiting');
    expect(next.context.attempt).toBe(5);
    expect(actions).toContainEqual(expect.objectContaining({ type: 'xstate.raise', params: expect.objectContaining({ delay: 30 * 60_000 }) }));
  });
});
