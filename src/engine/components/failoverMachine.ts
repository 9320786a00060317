// One machine's failover (or failback) as a statechart on the virtual clock. A planned failover
// shuts the source down and waits until everything it wrote is at the other side; an unplanned one
// picks a recovery point at once (or stops waiting for the last changes after a timeout); the
// point is processed; the machine boots, at once or at its recovery plan group's turn. A failback
// from Azure to Hyper-V first downloads the data, while the Azure VM runs (then waits for the user
// to complete it) or after it has shut down.
//
// The chart holds the order and the timing; what each step does to the data, the records, the jobs
// and the event log is the recovery's to say: it acts on the events the chart emits, and answers
// the two questions only the data can (is everything there yet, which point) with an event.

import { assign, emit, setup } from 'xstate';
import type { FailoverStep } from './replicatedItemMachine';

/** How a failover begins. */
export type FailoverPath =
  /** Shut the source down, then send what it wrote last (planned, or unplanned with shutdown). */
  | 'shutDown'
  /** Pick a point now: the source is left where it is. */
  | 'choose'
  /** Failback from Azure: download the data while the Azure VM runs. */
  | 'download'
  /** Failback from Azure: shut the Azure VM down, then download all of its data. */
  | 'shutDownThenDownload';

export interface FailoverInput {
  path: FailoverPath;
  shutdownMs: number;
  /** How long an unplanned failover waits for the last changes; null: as long as it takes. */
  syncTimeoutMs: number | null;
  bootMs: number;
  /** The machine boots at its recovery plan group's turn. */
  inPlan: boolean;
}

interface FailoverContext extends FailoverInput {
  processingMs: number;
}

export type FailoverEvent =
  | ({ type: 'start' } & FailoverInput)
  /** Everything the source wrote before it stopped is at the other side. */
  | { type: 'drained' }
  /** The source has shut down and some of what it wrote is still on its way. */
  | { type: 'pending' }
  /** A failback's data is downloaded while the Azure VM still runs. */
  | { type: 'copied' }
  /** The user completes a failback that synchronised first. */
  | { type: 'complete' }
  /** The point to recover to, and how long processing it takes. */
  | { type: 'chosen'; processingMs: number }
  | { type: 'noPoint' }
  /** The machine's recovery plan group's turn to boot. */
  | { type: 'boot' }
  /** An unplanned failover takes over from this one (while it shuts down or synchronises). */
  | { type: 'abandon' };

export type FailoverEmitted =
  | { type: 'step'; step: FailoverStep }
  /** The source has shut down. */
  | { type: 'shutDown' }
  /** The Azure VM has shut down: its download starts. */
  | { type: 'downloadStarts' }
  /** The last changes did not arrive in time. */
  | { type: 'syncTimedOut' }
  /** Everything is at the other side. */
  | { type: 'synchronised' }
  /** Pick the point now (answer `chosen` or `noPoint`). */
  | { type: 'choose' }
  /** Processed: waiting for the plan group's turn. */
  | { type: 'readyToBoot' }
  /** The machine runs at the other side. */
  | { type: 'running' };

const start = [
  { guard: ({ event }: { event: FailoverEvent }) => event.type === 'start' && event.path === 'download', target: '#failover.synchronizing.open', actions: 'remember' },
  { guard: ({ event }: { event: FailoverEvent }) => event.type === 'start' && (event.path === 'shutDown' || event.path === 'shutDownThenDownload'), target: '#failover.shuttingDown', actions: 'remember' },
  { target: '#failover.choosing', actions: 'remember' }
] as const;

export const failoverMachine = setup({
  types: { context: {} as FailoverContext, events: {} as FailoverEvent, emitted: {} as FailoverEmitted },
  delays: {
    shutdown: ({ context }) => context.shutdownMs,
    syncTimeout: ({ context }) => context.syncTimeoutMs ?? 0,
    processing: ({ context }) => context.processingMs,
    boot: ({ context }) => context.bootMs
  },
  guards: {
    downloads: ({ context }) => context.path === 'shutDownThenDownload',
    timesOut: ({ context }) => context.syncTimeoutMs !== null,
    inPlan: ({ context }) => context.inPlan,
    processes: ({ event }) => event.type === 'chosen' && event.processingMs > 0
  },
  actions: {
    remember: assign(({ event, context }) =>
      event.type === 'start' ? { path: event.path, shutdownMs: event.shutdownMs, syncTimeoutMs: event.syncTimeoutMs, bootMs: event.bootMs, inPlan: event.inPlan, processingMs: 0 } : context
    ),
    step: emit((_, params: { step: FailoverStep }) => ({ type: 'step' as const, step: params.step })),
    rememberProcessing: assign({ processingMs: ({ event, context }) => (event.type === 'chosen' ? event.processingMs : context.processingMs) })
  }
}).createMachine({
  id: 'failover',
  initial: 'idle',
  context: { path: 'choose', shutdownMs: 0, syncTimeoutMs: null, bootMs: 0, inPlan: false, processingMs: 0 },
  states: {
    idle: { on: { start } },
    shuttingDown: {
      entry: { type: 'step', params: { step: 'shuttingDown' } },
      on: { abandon: 'idle' },
      after: {
        shutdown: [
          { guard: 'downloads', target: 'synchronizing.open', actions: emit({ type: 'downloadStarts' }) },
          { target: 'sourceStopped', actions: emit({ type: 'shutDown' }) }
        ]
      }
    },
    /** The source is down: the recovery says whether anything is still on its way. */
    sourceStopped: {
      on: {
        drained: { target: 'choosing', actions: emit({ type: 'synchronised' }) },
        pending: [{ guard: 'timesOut', target: 'synchronizing.timed' }, { target: 'synchronizing.open' }]
      }
    },
    synchronizing: {
      initial: 'open',
      entry: { type: 'step', params: { step: 'synchronizing' } },
      on: {
        drained: { target: 'choosing', actions: emit({ type: 'synchronised' }) },
        copied: 'waitingToComplete',
        // An unplanned failover takes over from a planned one still waiting for the last changes.
        abandon: 'idle'
      },
      states: {
        open: {},
        timed: { after: { syncTimeout: { target: '#failover.choosing', actions: emit({ type: 'syncTimedOut' }) } } }
      }
    },
    waitingToComplete: {
      entry: { type: 'step', params: { step: 'waitingToComplete' } },
      on: { complete: 'shuttingDown' }
    },
    /** The recovery picks the point. */
    choosing: {
      entry: emit({ type: 'choose' }),
      on: {
        chosen: [
          { guard: 'processes', target: 'processing', actions: 'rememberProcessing' },
          { guard: 'inPlan', target: 'readyToBoot' },
          { target: 'booting' }
        ],
        noPoint: 'failed'
      }
    },
    processing: {
      entry: { type: 'step', params: { step: 'processing' } },
      after: { processing: [{ guard: 'inPlan', target: 'readyToBoot' }, { target: 'booting' }] }
    },
    readyToBoot: {
      entry: [{ type: 'step', params: { step: 'readyToBoot' } }, emit({ type: 'readyToBoot' })],
      on: { boot: 'booting' }
    },
    booting: {
      entry: { type: 'step', params: { step: 'booting' } },
      after: { boot: { target: 'done', actions: emit({ type: 'running' }) } }
    },
    done: { on: { start } },
    failed: { on: { start } }
  }
});
