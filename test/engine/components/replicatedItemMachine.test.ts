// replicatedItemMachine: enable, initial replication, finalize, resync (scheduled/manual), critical and disable, on the virtual clock.

import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { replicatedItemMachine } from '../../../src/engine/components/replicatedItemMachine';
import type { ReplicatedItemEmitted, ReplicatedItemEvent } from '../../../src/engine/components/replicatedItemMachine';
import { MINUTE, createVirtualClock } from './virtualClock';

const ENABLE = 2 * MINUTE;
const FINALIZE = 10 * MINUTE;
const DISABLE = 1 * MINUTE;
const timing = { enableMs: ENABLE * 1000, finalizeMs: FINALIZE * 1000, disableMs: DISABLE * 1000 };

function setupItem() {
  const vc = createVirtualClock();
  const actor = createActor(replicatedItemMachine, { clock: vc.clock, input: timing });
  const emitted: Array<{ at: number; event: ReplicatedItemEmitted }> = [];
  actor.on('*', (event) => emitted.push({ at: vc.now(), event }));
  actor.start();
  const state = () => actor.getSnapshot().value;
  const send = (event: ReplicatedItemEvent) => actor.send(event);
  const types = () => emitted.map((e) => e.event.type);
  return { vc, actor, emitted, state, send, types };
}

type Item = ReturnType<typeof setupItem>;

/** Drives a fresh item to replicating.initialReplication. */
function toInitialReplication(item: Item) {
  item.send({ type: 'protection.enable' });
  item.vc.advanceBy(ENABLE);
}

/** Drives a fresh item to replicating.protected. */
function toProtected(item: Item) {
  toInitialReplication(item);
  item.send({ type: 'initialReplication.completed' });
  item.vc.advanceBy(FINALIZE);
}

const resyncScheduled = (delayMs: number, reason = 'tracking lost'): ReplicatedItemEvent => ({
  type: 'resync.required',
  reason,
  schedule: 'scheduled',
  delayMs
});
const resyncManual = (reason = 'data mismatch'): ReplicatedItemEvent => ({
  type: 'resync.required',
  reason,
  schedule: 'manual',
  delayMs: -1
});

describe('replicatedItemMachine', () => {
  describe('enable -> initial replication -> finalize -> protected', () => {
    it('starts unprotected with its timing in context', () => {
      const [s0] = initialTransition(replicatedItemMachine, timing);
      expect(s0.value).toBe('unprotected');
      expect(s0.context).toEqual({ ...timing, initialDone: false, resyncReason: '', resyncDelayMs: 0, errorReason: '' });
    });

    it('walks the whole path with each step at its exact simulated time', () => {
      const item = setupItem();
      item.vc.advanceTo(7);
      item.send({ type: 'protection.enable' });
      expect(item.state()).toBe('enabling');

      item.vc.advanceTo(7 + ENABLE - 1);
      expect(item.state()).toBe('enabling');
      item.vc.advanceTo(7 + ENABLE);
      expect(item.state()).toEqual({ replicating: 'initialReplication' });

      item.vc.advanceTo(3600);
      expect(item.state()).toEqual({ replicating: 'initialReplication' });
      item.send({ type: 'initialReplication.completed' });
      expect(item.state()).toEqual({ replicating: 'finalizing' });
      expect(item.actor.getSnapshot().context.initialDone).toBe(true);

      item.vc.advanceTo(3600 + FINALIZE - 1);
      expect(item.state()).toEqual({ replicating: 'finalizing' });
      item.vc.advanceTo(3600 + FINALIZE);
      expect(item.state()).toEqual({ replicating: 'protected' });

      expect(item.emitted).toEqual([
        { at: 7, event: { type: 'enable.started' } },
        { at: 7 + ENABLE, event: { type: 'initialReplication.started' } },
        { at: 3600, event: { type: 'finalize.started' } },
        { at: 3600 + FINALIZE, event: { type: 'protection.completed' } }
      ]);
    });

    it('stays protected forever with nothing scheduled', () => {
      const item = setupItem();
      toProtected(item);
      expect(item.vc.scheduler.peekTime()).toBe(Infinity);
      item.vc.advanceBy(1000 * MINUTE);
      expect(item.state()).toEqual({ replicating: 'protected' });
    });
  });

  describe('resync', () => {
    it('scheduled: resync.required -> resyncRequired.scheduled, then after delayMs -> resyncing (resync.begin manual false)', () => {
      const item = setupItem();
      toProtected(item);
      const t = item.vc.now();
      item.send(resyncScheduled(30 * 60_000, 'tracking lost'));
      expect(item.actor.getSnapshot().matches({ replicating: { resyncRequired: 'scheduled' } })).toBe(true);
      expect(item.actor.getSnapshot().context.resyncReason).toBe('tracking lost');
      expect(item.actor.getSnapshot().context.resyncDelayMs).toBe(30 * 60_000);
      expect(item.emitted.at(-1)).toEqual({
        at: t,
        event: { type: 'resync.marked', reason: 'tracking lost', schedule: 'scheduled', delayMs: 30 * 60_000 }
      });

      item.vc.advanceTo(t + 30 * MINUTE - 1);
      expect(item.actor.getSnapshot().matches({ replicating: { resyncRequired: 'scheduled' } })).toBe(true);
      item.vc.advanceTo(t + 30 * MINUTE);
      expect(item.state()).toEqual({ replicating: 'resyncing' });
      expect(item.emitted.at(-1)).toEqual({ at: t + 30 * MINUTE, event: { type: 'resync.begin', manual: false } });
    });

    it('scheduled with delayMs 0 starts resyncing at the same simulated time', () => {
      const item = setupItem();
      toProtected(item);
      const t = item.vc.now();
      item.send(resyncScheduled(0));
      item.vc.advanceTo(t);
      expect(item.state()).toEqual({ replicating: 'resyncing' });
    });

    it('manual: resync.required (delayMs -1) -> resyncRequired.manual and waits forever', () => {
      const item = setupItem();
      toProtected(item);
      item.send(resyncManual('data mismatch'));
      expect(item.state()).toEqual({ replicating: { resyncRequired: 'manual' } });
      expect(item.emitted.at(-1)!.event).toEqual({ type: 'resync.marked', reason: 'data mismatch', schedule: 'manual', delayMs: -1 });
      expect(item.vc.scheduler.peekTime()).toBe(Infinity);
      item.vc.advanceBy(100_000 * MINUTE);
      expect(item.state()).toEqual({ replicating: { resyncRequired: 'manual' } });
    });

    it("resync.start {manual: true} from resyncRequired.manual -> resyncing, emitting resync.begin manual true", () => {
      const item = setupItem();
      toProtected(item);
      item.send(resyncManual());
      item.send({ type: 'resync.start', manual: true });
      expect(item.state()).toEqual({ replicating: 'resyncing' });
      expect(item.emitted.at(-1)!.event).toEqual({ type: 'resync.begin', manual: true });
    });

    it('resync.start from resyncRequired.scheduled starts now and cancels the scheduled start', () => {
      const item = setupItem();
      toProtected(item);
      item.send(resyncScheduled(30 * 60_000));
      item.send({ type: 'resync.start', manual: true });
      expect(item.state()).toEqual({ replicating: 'resyncing' });
      expect(item.vc.scheduler.peekTime()).toBe(Infinity);
      item.vc.advanceBy(60 * MINUTE);
      expect(item.types().filter((t) => t === 'resync.begin')).toHaveLength(1);
    });

    it('resync.start from protected -> resyncing', () => {
      const item = setupItem();
      toProtected(item);
      item.send({ type: 'resync.start', manual: true });
      expect(item.state()).toEqual({ replicating: 'resyncing' });
      expect(item.emitted.at(-1)!.event).toEqual({ type: 'resync.begin', manual: true });
    });

    it('resync.completed -> protected when initial replication had completed', () => {
      const item = setupItem();
      toProtected(item);
      item.send(resyncScheduled(60_000));
      item.vc.advanceBy(MINUTE);
      expect(item.state()).toEqual({ replicating: 'resyncing' });
      const before = item.emitted.length;
      item.send({ type: 'resync.completed' });
      expect(item.state()).toEqual({ replicating: 'protected' });
      expect(item.emitted.slice(before).map((e) => e.event.type)).toEqual(['protection.completed']);
    });

    it('resync.completed -> protected when resync was required during finalizing (initial replication had completed)', () => {
      const item = setupItem();
      toInitialReplication(item);
      item.send({ type: 'initialReplication.completed' });
      item.send(resyncManual());
      expect(item.state()).toEqual({ replicating: { resyncRequired: 'manual' } });
      item.vc.advanceBy(2 * FINALIZE);
      expect(item.state()).toEqual({ replicating: { resyncRequired: 'manual' } });
      item.send({ type: 'resync.start', manual: true });
      item.send({ type: 'resync.completed' });
      expect(item.state()).toEqual({ replicating: 'protected' });
    });

    it('resync.completed -> finalizing when resync.required happened during initial replication, then protected after finalizeMs', () => {
      const item = setupItem();
      toInitialReplication(item);
      item.send(resyncScheduled(5 * 60_000));
      expect(item.actor.getSnapshot().matches({ replicating: { resyncRequired: 'scheduled' } })).toBe(true);
      item.vc.advanceBy(5 * MINUTE);
      expect(item.state()).toEqual({ replicating: 'resyncing' });

      item.send({ type: 'resync.completed' });
      expect(item.state()).toEqual({ replicating: 'finalizing' });
      const t = item.vc.now();
      item.vc.advanceTo(t + FINALIZE);
      expect(item.state()).toEqual({ replicating: 'protected' });
      expect(item.types()).toEqual([
        'enable.started',
        'initialReplication.started',
        'resync.marked',
        'resync.begin',
        'finalize.started',
        'protection.completed'
      ]);
    });

    it('resync.failed -> resyncRequired.manual with errorReason in context; entering protected clears it', () => {
      const item = setupItem();
      toProtected(item);
      item.send({ type: 'resync.start', manual: true });
      item.send({ type: 'resync.failed', reason: 'source disk unreadable' });
      expect(item.state()).toEqual({ replicating: { resyncRequired: 'manual' } });
      expect(item.actor.getSnapshot().context.errorReason).toBe('source disk unreadable');
      expect(item.vc.scheduler.peekTime()).toBe(Infinity);

      item.send({ type: 'resync.start', manual: true });
      item.send({ type: 'resync.completed' });
      expect(item.state()).toEqual({ replicating: 'protected' });
      expect(item.actor.getSnapshot().context.errorReason).toBe('');
      expect(item.actor.getSnapshot().context.resyncReason).toBe('');
    });

    it('resync.failed goes to manual even when the previous resync was scheduled', () => {
      const item = setupItem();
      toProtected(item);
      item.send(resyncScheduled(60_000));
      item.vc.advanceBy(MINUTE);
      item.send({ type: 'resync.failed', reason: 'copy failed' });
      expect(item.state()).toEqual({ replicating: { resyncRequired: 'manual' } });
      item.vc.advanceBy(1000 * MINUTE);
      expect(item.state()).toEqual({ replicating: { resyncRequired: 'manual' } });
    });

    it('resync.required while resyncing marks a new resync', () => {
      const item = setupItem();
      toProtected(item);
      item.send({ type: 'resync.start', manual: true });
      item.send(resyncManual('again'));
      expect(item.state()).toEqual({ replicating: { resyncRequired: 'manual' } });
      expect(item.actor.getSnapshot().context.resyncReason).toBe('again');
    });
  });

  describe('critical', () => {
    const substates: Array<[name: string, drive: (item: Item) => void]> = [
      ['initialReplication', (item) => toInitialReplication(item)],
      [
        'finalizing',
        (item) => {
          toInitialReplication(item);
          item.send({ type: 'initialReplication.completed' });
        }
      ],
      ['protected', (item) => toProtected(item)],
      [
        'resyncRequired.scheduled',
        (item) => {
          toProtected(item);
          item.send(resyncScheduled(10 * 60_000));
        }
      ],
      [
        'resyncRequired.manual',
        (item) => {
          toProtected(item);
          item.send(resyncManual());
        }
      ],
      [
        'resyncing',
        (item) => {
          toProtected(item);
          item.send({ type: 'resync.start', manual: true });
        }
      ]
    ];

    it.each(substates)('error.nonRecoverable from replicating.%s -> critical (emits critical), and no timer fires later', (name, drive) => {
      const item = setupItem();
      drive(item);
      const [sub, leaf] = name.split('.');
      expect(item.state()).toEqual({ replicating: leaf ? { [sub!]: leaf } : sub });
      item.send({ type: 'error.nonRecoverable', reason: 'authentication failed' });
      expect(item.state()).toBe('critical');
      expect(item.actor.getSnapshot().context.errorReason).toBe('authentication failed');
      expect(item.emitted.at(-1)!.event).toEqual({ type: 'critical', reason: 'authentication failed' });
      expect(item.vc.scheduler.peekTime()).toBe(Infinity);
      item.vc.advanceBy(1000 * MINUTE);
      expect(item.state()).toBe('critical');
    });

    it('resync.start from critical -> replicating.resyncing (without restarting initial replication), then protected clears errorReason', () => {
      const item = setupItem();
      toProtected(item);
      item.send({ type: 'error.nonRecoverable', reason: 'bad' });
      const before = item.emitted.length;
      item.send({ type: 'resync.start', manual: true });
      expect(item.state()).toEqual({ replicating: 'resyncing' });
      expect(item.emitted.slice(before).map((e) => e.event)).toEqual([{ type: 'resync.begin', manual: true }]);
      expect(item.actor.getSnapshot().context.errorReason).toBe('bad');

      item.send({ type: 'resync.completed' });
      expect(item.state()).toEqual({ replicating: 'protected' });
      expect(item.actor.getSnapshot().context.errorReason).toBe('');
    });

    it('critical during initial replication: resync.start then resync.completed goes through finalizing', () => {
      const item = setupItem();
      toInitialReplication(item);
      item.send({ type: 'error.nonRecoverable', reason: 'bad' });
      item.send({ type: 'resync.start', manual: true });
      item.send({ type: 'resync.completed' });
      expect(item.state()).toEqual({ replicating: 'finalizing' });
    });

    it('ignores other events while critical', () => {
      const item = setupItem();
      toProtected(item);
      item.send({ type: 'error.nonRecoverable', reason: 'bad' });
      const ignored: ReplicatedItemEvent[] = [
        { type: 'protection.enable' },
        { type: 'initialReplication.completed' },
        resyncScheduled(0),
        { type: 'resync.completed' },
        { type: 'resync.failed', reason: 'x' },
        { type: 'error.nonRecoverable', reason: 'other' }
      ];
      for (const ev of ignored) {
        item.send(ev);
        expect(item.state()).toBe('critical');
      }
      item.vc.advanceBy(MINUTE);
      expect(item.state()).toBe('critical');
      expect(item.actor.getSnapshot().context.errorReason).toBe('bad');
    });
  });

  describe('disable', () => {
    const from: Array<[name: string, drive: (item: Item) => void]> = [
      ['enabling', (item) => item.send({ type: 'protection.enable' })],
      ['replicating.initialReplication', (item) => toInitialReplication(item)],
      ['replicating.protected', (item) => toProtected(item)],
      [
        'replicating.resyncRequired.manual',
        (item) => {
          toProtected(item);
          item.send(resyncManual());
        }
      ],
      [
        'critical',
        (item) => {
          toProtected(item);
          item.send({ type: 'error.nonRecoverable', reason: 'bad' });
        }
      ]
    ];

    it.each(from)('protection.disable from %s -> disabling -> (after disableMs) unprotected', (_name, drive) => {
      const item = setupItem();
      drive(item);
      const before = item.emitted.length;
      const t = item.vc.now();
      item.send({ type: 'protection.disable' });
      expect(item.state()).toBe('disabling');
      expect(item.emitted.slice(before)).toEqual([{ at: t, event: { type: 'disable.started' } }]);

      item.vc.advanceTo(t + DISABLE - 1);
      expect(item.state()).toBe('disabling');
      item.vc.advanceTo(t + DISABLE);
      expect(item.state()).toBe('unprotected');
      expect(item.emitted.slice(before)).toEqual([
        { at: t, event: { type: 'disable.started' } },
        { at: t + DISABLE, event: { type: 'disable.completed' } }
      ]);
      expect(item.actor.getSnapshot().context).toMatchObject({ initialDone: false, resyncReason: '', errorReason: '' });
      expect(item.vc.scheduler.peekTime()).toBe(Infinity);
    });

    it('disabling while enabling cancels the enable timer', () => {
      const item = setupItem();
      item.send({ type: 'protection.enable' });
      item.vc.advanceBy(ENABLE / 2);
      item.send({ type: 'protection.disable' });
      item.vc.advanceBy(10 * ENABLE);
      expect(item.state()).toBe('unprotected');
      expect(item.types()).not.toContain('initialReplication.started');
    });

    it('can be protected again after disabling, starting over from initial replication', () => {
      const item = setupItem();
      toProtected(item);
      item.send({ type: 'protection.disable' });
      item.vc.advanceBy(DISABLE);
      toInitialReplication(item);
      expect(item.state()).toEqual({ replicating: 'initialReplication' });
      expect(item.actor.getSnapshot().context.initialDone).toBe(false);
      item.send(resyncManual());
      item.send({ type: 'resync.start', manual: true });
      item.send({ type: 'resync.completed' });
      expect(item.state()).toEqual({ replicating: 'finalizing' });
    });

    it('ignores events while disabling', () => {
      const item = setupItem();
      toProtected(item);
      item.send({ type: 'protection.disable' });
      for (const ev of [
        { type: 'protection.enable' },
        { type: 'protection.disable' },
        { type: 'resync.start', manual: true },
        { type: 'error.nonRecoverable', reason: 'x' }
      ] as ReplicatedItemEvent[]) {
        item.send(ev);
        expect(item.state()).toBe('disabling');
      }
      item.vc.advanceBy(DISABLE);
      expect(item.state()).toBe('unprotected');
      expect(item.types().filter((t) => t === 'disable.started')).toHaveLength(1);
    });
  });

  describe('ignored events', () => {
    it('resync.start while unprotected stays unprotected', () => {
      const item = setupItem();
      item.send({ type: 'resync.start', manual: true });
      expect(item.state()).toBe('unprotected');
      expect(item.emitted).toEqual([]);
    });

    const unprotectedIgnored: ReplicatedItemEvent[] = [
      { type: 'initialReplication.completed' },
      { type: 'resync.required', reason: 'r', schedule: 'scheduled', delayMs: 0 },
      { type: 'resync.start', manual: false },
      { type: 'resync.completed' },
      { type: 'resync.failed', reason: 'r' },
      { type: 'error.nonRecoverable', reason: 'r' },
      { type: 'protection.disable' }
    ];
    it.each(unprotectedIgnored)('unprotected ignores %o (pure transition())', (event) => {
      const [s0] = initialTransition(replicatedItemMachine, timing);
      const [s1, actions] = transition(replicatedItemMachine, s0, event);
      expect(s1.value).toBe('unprotected');
      expect(actions).toEqual([]);
    });

    it('enabling ignores everything but protection.disable and still finishes on time', () => {
      const item = setupItem();
      item.send({ type: 'protection.enable' });
      for (const ev of [
        { type: 'protection.enable' },
        { type: 'initialReplication.completed' },
        { type: 'resync.start', manual: true },
        { type: 'resync.completed' },
        { type: 'error.nonRecoverable', reason: 'x' }
      ] as ReplicatedItemEvent[]) {
        item.send(ev);
        expect(item.state()).toBe('enabling');
      }
      item.vc.advanceTo(ENABLE);
      expect(item.state()).toEqual({ replicating: 'initialReplication' });
      expect(item.types()).toEqual(['enable.started', 'initialReplication.started']);
    });

    it('initialReplication ignores resync.start and resync.completed', () => {
      const item = setupItem();
      toInitialReplication(item);
      item.send({ type: 'resync.start', manual: true });
      expect(item.state()).toEqual({ replicating: 'initialReplication' });
      item.send({ type: 'resync.completed' });
      expect(item.state()).toEqual({ replicating: 'initialReplication' });
    });

    it('protected ignores protection.enable, initialReplication.completed and resync.completed', () => {
      const item = setupItem();
      toProtected(item);
      const before = item.emitted.length;
      for (const ev of [
        { type: 'protection.enable' },
        { type: 'initialReplication.completed' },
        { type: 'resync.completed' },
        { type: 'resync.failed', reason: 'x' }
      ] as ReplicatedItemEvent[]) {
        item.send(ev);
        expect(item.state()).toEqual({ replicating: 'protected' });
      }
      expect(item.emitted.length).toBe(before);
    });

    it('finalizing ignores resync.start and initialReplication.completed and still finishes on time', () => {
      const item = setupItem();
      toInitialReplication(item);
      item.send({ type: 'initialReplication.completed' });
      const t = item.vc.now();
      item.vc.advanceBy(MINUTE);
      item.send({ type: 'resync.start', manual: true });
      item.send({ type: 'initialReplication.completed' });
      expect(item.state()).toEqual({ replicating: 'finalizing' });
      item.vc.advanceTo(t + FINALIZE);
      expect(item.state()).toEqual({ replicating: 'protected' });
    });
  });
});
