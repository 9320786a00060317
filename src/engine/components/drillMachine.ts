// A machine's disaster-recovery drill (test failover): a test copy is created from a recovery point
// in an isolated network while replication carries on, runs until "cleanup test failover" deletes
// it. Only one test copy per machine at a time.

import { setup } from 'xstate';

export type DrillEvent =
  | { type: 'test.start' }
  | { type: 'test.running' }
  | { type: 'cleanup.start' }
  | { type: 'cleanup.done' };

export const drillMachine = setup({
  types: { events: {} as DrillEvent }
}).createMachine({
  id: 'drill',
  initial: 'idle',
  states: {
    idle: { on: { 'test.start': 'starting' } },
    starting: { on: { 'test.running': 'running', 'cleanup.start': 'cleaningUp' } },
    running: { on: { 'cleanup.start': 'cleaningUp' } },
    cleaningUp: { on: { 'cleanup.done': 'idle' } }
  }
});
