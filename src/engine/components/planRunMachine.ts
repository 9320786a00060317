// One run of a recovery plan as a statechart on the virtual clock: every machine fails over in
// parallel; then, group by group, the pre-actions run one after the other, the group boots, and its
// post-actions run. A script or runbook takes its time and may fail (resume runs it again); a
// manual action waits for input until resumed. What each step means for jobs, records and the event
// log is the plan's to say: the machine tells it through the events it emits.

import { assign, emit, setup } from 'xstate';

/** An action of a group, as the run needs it. */
export interface PlanRunAction {
  manual: boolean;
  /** Seconds a script or runbook takes. */
  seconds: number;
  /** It fails on its first run. */
  failsOnce: boolean;
}

export interface PlanRunInput {
  groups: ReadonlyArray<{ pre: readonly PlanRunAction[]; post: readonly PlanRunAction[] }>;
}

interface PlanRunContext extends PlanRunInput {
  group: number;
  phase: 'pre' | 'post';
  action: number;
  /** Actions that failed once already ("group/phase/index"). */
  retried: readonly string[];
  /** The last group whose turn has come (-1 before the first). */
  started: number;
}

export type PlanRunEvent =
  /** Every machine of the plan failed over (or could not) and is ready to boot. */
  | { type: 'failedOver' }
  /** Every machine of the group booting now runs (or could not fail over). */
  | { type: 'groupUp' }
  | { type: 'resume' };

/** Where the run is: group (0-based), phase and action index. */
export interface PlanRunPlace {
  group: number;
  phase: 'pre' | 'post';
  action: number;
}

export type PlanRunEmitted =
  | ({ type: 'group.started' } & PlanRunPlace)
  | ({ type: 'action.started' } & PlanRunPlace)
  | ({ type: 'action.waiting' } & PlanRunPlace)
  | ({ type: 'action.failed' } & PlanRunPlace)
  | ({ type: 'action.succeeded' } & PlanRunPlace)
  | ({ type: 'group.booting' } & PlanRunPlace)
  | ({ type: 'group.done' } & PlanRunPlace)
  | { type: 'completed' };

const place = ({ context: c }: { context: PlanRunContext }): PlanRunPlace => ({ group: c.group, phase: c.phase, action: c.action });
const current = (c: PlanRunContext): PlanRunAction | undefined => {
  const g = c.groups[c.group];
  return g ? (c.phase === 'pre' ? g.pre : g.post)[c.action] : undefined;
};
const key = (c: PlanRunContext): string => `${c.group}/${c.phase}/${c.action}`;

export const planRunMachine = setup({
  types: { context: {} as PlanRunContext, events: {} as PlanRunEvent, input: {} as PlanRunInput, emitted: {} as PlanRunEmitted },
  guards: {
    allDone: ({ context: c }) => c.group >= c.groups.length,
    groupNew: ({ context: c }) => c.started < c.group,
    manualLeft: ({ context: c }) => current(c)?.manual === true,
    timedLeft: ({ context: c }) => current(c) !== undefined,
    inPre: ({ context: c }) => c.phase === 'pre',
    failsNow: ({ context: c }) => current(c)!.failsOnce && !c.retried.includes(key(c))
  },
  delays: {
    actionTime: ({ context: c }) => current(c)!.seconds * 1000
  }
}).createMachine({
  id: 'planRun',
  initial: 'failingOver',
  context: ({ input }) => ({ ...input, group: 0, phase: 'pre', action: 0, retried: [], started: -1 }),
  states: {
    failingOver: {
      on: { failedOver: 'running' }
    },
    running: {
      initial: 'next',
      states: {
        next: {
          always: [
            { guard: 'allDone', target: '#planRun.completed' },
            { guard: 'groupNew', target: 'next', reenter: true, actions: [assign({ started: ({ context }) => context.group }), emit(({ context }) => ({ type: 'group.started' as const, ...place({ context }) }))] },
            { guard: 'manualLeft', target: 'waitingForInput' },
            { guard: 'timedLeft', target: 'action' },
            { guard: 'inPre', target: 'booting' },
            {
              target: 'next',
              reenter: true,
              actions: [
                emit(({ context }) => ({ type: 'group.done' as const, ...place({ context }) })),
                assign({ group: ({ context }) => context.group + 1, phase: 'pre', action: 0 })
              ]
            }
          ]
        },
        action: {
          entry: emit(({ context }) => ({ type: 'action.started' as const, ...place({ context }) })),
          after: {
            actionTime: [
              { guard: 'failsNow', target: 'failed', actions: [assign({ retried: ({ context }) => [...context.retried, key(context)] }), emit(({ context }) => ({ type: 'action.failed' as const, ...place({ context }) }))] },
              { target: 'next', actions: [emit(({ context }) => ({ type: 'action.succeeded' as const, ...place({ context }) })), assign({ action: ({ context }) => context.action + 1 })] }
            ]
          }
        },
        failed: { on: { resume: 'action' } },
        waitingForInput: {
          entry: emit(({ context }) => ({ type: 'action.waiting' as const, ...place({ context }) })),
          on: { resume: { target: 'next', actions: assign({ action: ({ context }) => context.action + 1 }) } }
        },
        booting: {
          entry: emit(({ context }) => ({ type: 'group.booting' as const, ...place({ context }) })),
          on: { groupUp: { target: 'next', actions: assign({ phase: 'post', action: 0 }) } }
        }
      }
    },
    completed: { type: 'final', entry: emit({ type: 'completed' }) }
  }
});
