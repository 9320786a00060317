// The lifecycle of one protected machine (a "replicated item" in the vault): enable protection,
// initial replication, finalize protection, delta replication, resynchronisation, the Critical
// state a non-recoverable error leaves it in until an administrator acts, and recovery: failing
// over, pending (the recovery point can still change), committed, and reprotection, which leads
// back into replication in the other direction. The recovery runtime moves it through the steps of
// a failover as they happen on the virtual clock.

import { assign, emit, setup } from 'xstate';
import type { Text } from '../messages/index';

export type ResyncSchedule = 'scheduled' | 'manual';

export type ReplicatedItemEvent =
  | { type: 'protection.enable' }
  | { type: 'initialReplication.completed' }
  | { type: 'resync.required'; reason: Text; schedule: ResyncSchedule; delayMs: number }
  | { type: 'resync.start'; manual: boolean }
  | { type: 'resync.completed' }
  | { type: 'resync.failed'; reason: Text }
  | { type: 'error.nonRecoverable'; reason: Text }
  | { type: 'protection.disable' }
  | { type: 'failover.start' }
  | { type: 'failover.step'; step: FailoverStep }
  | { type: 'failover.done' }
  | { type: 'failover.abandoned' }
  | { type: 'failover.failed'; reason: Text }
  | { type: 'point.change' }
  | { type: 'point.changed' }
  | { type: 'commit.start' }
  | { type: 'commit.done' }
  | { type: 'reprotect.start' }
  | { type: 'reprotect.ready' };

/** The steps of a failover, in the order they can happen. */
export type FailoverStep = 'shuttingDown' | 'synchronizing' | 'waitingToComplete' | 'processing' | 'readyToBoot' | 'booting';

export type ReplicatedItemEmitted =
  | { type: 'enable.started' }
  | { type: 'initialReplication.started' }
  | { type: 'finalize.started' }
  | { type: 'protection.completed' }
  | { type: 'resync.marked'; reason: Text; schedule: ResyncSchedule; delayMs: number }
  | { type: 'resync.begin'; manual: boolean }
  | { type: 'critical'; reason: Text }
  | { type: 'disable.started' }
  | { type: 'disable.completed' }
  | { type: 'commit.completed' };

export interface ReplicatedItemContext {
  enableMs: number;
  finalizeMs: number;
  disableMs: number;
  /** Whether initial replication ever completed (a resync then leads back to protection). */
  initialDone: boolean;
  resyncReason: Text;
  resyncDelayMs: number;
  errorReason: Text;
}

export const replicatedItemMachine = setup({
  types: {
    context: {} as ReplicatedItemContext,
    input: {} as { enableMs: number; finalizeMs: number; disableMs: number },
    events: {} as ReplicatedItemEvent,
    emitted: {} as ReplicatedItemEmitted
  },
  delays: {
    enable: ({ context }) => context.enableMs,
    finalize: ({ context }) => context.finalizeMs,
    disable: ({ context }) => context.disableMs,
    resyncWait: ({ context }) => context.resyncDelayMs
  },
  guards: {
    initialDone: ({ context }) => context.initialDone
  },
  actions: {
    markInitialDone: assign({ initialDone: true }),
    rememberResync: assign({
      resyncReason: ({ event, context }) => (event.type === 'resync.required' ? event.reason : context.resyncReason),
      resyncDelayMs: ({ event, context }) => (event.type === 'resync.required' ? event.delayMs : context.resyncDelayMs)
    }),
    rememberError: assign({
      errorReason: ({ event, context }) =>
        event.type === 'error.nonRecoverable' || event.type === 'resync.failed' ? event.reason : context.errorReason
    }),
    announceResync: emit(({ event }) => ({
      type: 'resync.marked' as const,
      reason: event.type === 'resync.required' ? event.reason : '',
      schedule: event.type === 'resync.required' ? event.schedule : ('manual' as const),
      delayMs: event.type === 'resync.required' ? event.delayMs : 0
    })),
    announceCritical: emit(({ context }) => ({ type: 'critical' as const, reason: context.errorReason })),
    reset: assign({ initialDone: false, resyncReason: '', errorReason: '' }),
    // A reprotected machine has its replica from the other side: its copy leads straight to protection.
    reprotected: assign({ initialDone: true, errorReason: '', resyncReason: '' })
  }
}).createMachine({
  id: 'replicatedItem',
  initial: 'unprotected',
  context: ({ input }) => ({ ...input, initialDone: false, resyncReason: '', resyncDelayMs: 0, errorReason: '' }),
  states: {
    unprotected: {
      entry: 'reset',
      on: { 'protection.enable': 'enabling' }
    },
    enabling: {
      entry: emit({ type: 'enable.started' }),
      after: { enable: 'replicating.initialReplication' },
      on: { 'protection.disable': 'disabling' }
    },
    replicating: {
      initial: 'initialReplication',
      on: {
        'error.nonRecoverable': { target: 'critical', actions: 'rememberError' },
        'protection.disable': 'disabling',
        'failover.start': 'failingOver'
      },
      states: {
        initialReplication: {
          entry: emit({ type: 'initialReplication.started' }),
          on: {
            'initialReplication.completed': 'finalizing',
            'resync.required': { target: 'resyncRequired', actions: ['rememberResync', 'announceResync'] }
          }
        },
        finalizing: {
          entry: [emit({ type: 'finalize.started' }), 'markInitialDone'],
          after: { finalize: 'protected' },
          on: { 'resync.required': { target: 'resyncRequired', actions: ['rememberResync', 'announceResync'] } }
        },
        protected: {
          entry: [assign({ errorReason: '', resyncReason: '' }), emit({ type: 'protection.completed' })],
          on: {
            'resync.required': { target: 'resyncRequired', actions: ['rememberResync', 'announceResync'] },
            'resync.start': 'resyncing'
          }
        },
        resyncRequired: {
          initial: 'waiting',
          on: {
            'resync.start': 'resyncing',
            'resync.required': { actions: 'rememberResync' }
          },
          states: {
            waiting: {
              always: [{ guard: ({ context }) => context.resyncDelayMs >= 0, target: 'scheduled' }, { target: 'manual' }]
            },
            scheduled: { after: { resyncWait: '#replicatedItem.replicating.resyncing' } },
            manual: {}
          }
        },
        resyncing: {
          entry: emit(({ event }) => ({ type: 'resync.begin' as const, manual: event.type === 'resync.start' ? event.manual : false })),
          on: {
            'resync.completed': [{ guard: 'initialDone', target: 'protected' }, { target: 'finalizing' }],
            'resync.failed': { target: 'resyncRequired.manual', actions: 'rememberError' },
            'resync.required': { target: 'resyncRequired', actions: ['rememberResync', 'announceResync'] }
          }
        }
      }
    },
    critical: {
      entry: 'announceCritical',
      on: {
        'resync.start': 'replicating.resyncing',
        'protection.disable': 'disabling',
        'failover.start': 'failingOver'
      }
    },
    failingOver: {
      initial: 'preparing',
      states: {
        preparing: {},
        shuttingDown: {},
        synchronizing: {},
        waitingToComplete: {},
        processing: {},
        readyToBoot: {},
        booting: {}
      },
      on: {
        'failover.step': [
          { guard: ({ event }) => event.step === 'shuttingDown', target: '.shuttingDown' },
          { guard: ({ event }) => event.step === 'synchronizing', target: '.synchronizing' },
          { guard: ({ event }) => event.step === 'waitingToComplete', target: '.waitingToComplete' },
          { guard: ({ event }) => event.step === 'processing', target: '.processing' },
          { guard: ({ event }) => event.step === 'readyToBoot', target: '.readyToBoot' },
          { target: '.booting' }
        ],
        'failover.done': 'failedOver.pending',
        'failover.failed': { target: 'critical', actions: assign({ errorReason: ({ event }) => event.reason }) },
        // A planned failover interrupted by an unplanned one starts over.
        'failover.abandoned': '.preparing'
      }
    },
    failedOver: {
      initial: 'pending',
      on: { 'protection.disable': 'disabling' },
      states: {
        pending: {
          on: { 'point.change': 'changingPoint', 'commit.start': 'committing' }
        },
        changingPoint: {
          on: { 'point.changed': 'pending' }
        },
        committing: {
          on: { 'commit.done': 'committed' },
          exit: emit({ type: 'commit.completed' })
        },
        committed: {
          on: { 'reprotect.start': '#replicatedItem.reprotecting', 'failover.start': '#replicatedItem.failingOver' }
        }
      }
    },
    reprotecting: {
      entry: 'reprotected',
      on: { 'reprotect.ready': 'replicating.resyncing', 'protection.disable': 'disabling' }
    },
    disabling: {
      entry: emit({ type: 'disable.started' }),
      after: { disable: 'unprotected' },
      exit: emit({ type: 'disable.completed' })
    }
  }
});
