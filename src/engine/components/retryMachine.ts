// Retries of a machine's transfer over one hop after a recoverable error (network error, low disk
// space, low memory): attempts 1, 2, 4, 8 and 10 minutes apart, then every 30 minutes, until one
// succeeds. The engine answers each attempt by checking the path at that moment.

import { assign, emit, setup } from 'xstate';
import type { Text } from '../messages/index';

/** Minutes between attempts; the last value repeats. */
export const RETRY_BACKOFF_MINUTES = [1, 2, 4, 8, 10, 30] as const;

export const retryDelayMinutes = (attempt: number): number =>
  RETRY_BACKOFF_MINUTES[Math.min(attempt, RETRY_BACKOFF_MINUTES.length - 1)]!;

export type RetryEvent =
  | { type: 'transfer.failed'; reason: Text }
  | { type: 'attempt.succeeded' }
  | { type: 'attempt.failed'; reason: Text }
  | { type: 'retry.reset' };

export type RetryEmitted =
  | { type: 'retry.scheduled'; attempt: number; delayMinutes: number; reason: Text }
  | { type: 'retry.attempt'; attempt: number }
  | { type: 'retry.recovered'; attempts: number };

export const retryMachine = setup({
  types: {
    context: {} as { attempt: number; reason: Text },
    events: {} as RetryEvent,
    emitted: {} as RetryEmitted
  },
  delays: {
    backoff: ({ context }) => retryDelayMinutes(context.attempt) * 60_000
  },
  actions: {
    firstFailure: assign({ attempt: 0, reason: ({ event }) => ('reason' in event ? event.reason : '') }),
    nextAttempt: assign({
      attempt: ({ context }) => context.attempt + 1,
      reason: ({ event, context }) => ('reason' in event ? event.reason : context.reason)
    }),
    announce: emit(({ context }) => ({
      type: 'retry.scheduled' as const,
      attempt: context.attempt + 1,
      delayMinutes: retryDelayMinutes(context.attempt),
      reason: context.reason
    })),
    attempt: emit(({ context }) => ({ type: 'retry.attempt' as const, attempt: context.attempt + 1 })),
    recovered: emit(({ context }) => ({ type: 'retry.recovered' as const, attempts: context.attempt + 1 }))
  }
}).createMachine({
  id: 'retry',
  initial: 'ok',
  context: { attempt: 0, reason: '' },
  states: {
    ok: {
      on: { 'transfer.failed': { target: 'waiting', actions: ['firstFailure', 'announce'] } }
    },
    waiting: {
      after: { backoff: 'attempting' },
      on: { 'retry.reset': 'ok' }
    },
    attempting: {
      entry: 'attempt',
      on: {
        'attempt.succeeded': { target: 'ok', actions: 'recovered' },
        'attempt.failed': { target: 'waiting', actions: ['nextAttempt', 'announce'] },
        'retry.reset': 'ok'
      }
    }
  }
});
