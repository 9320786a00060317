// The process server: running or down (after 15 minutes without a heartbeat it is Critical), and
// its cache: normal, throttled (little free space) or full.

import { setup } from 'xstate';

export type ProcessServerEvent =
  | { type: 'ps.down' }
  | { type: 'ps.up' }
  | { type: 'cache.normal' }
  | { type: 'cache.low' }
  | { type: 'cache.full' };

export const processServerMachine = setup({
  types: {
    context: {} as { heartbeatTimeoutMs: number },
    input: {} as { heartbeatTimeoutMs: number },
    events: {} as ProcessServerEvent
  },
  delays: {
    heartbeatTimeout: ({ context }) => context.heartbeatTimeoutMs
  }
}).createMachine({
  id: 'processServer',
  type: 'parallel',
  context: ({ input }) => ({ heartbeatTimeoutMs: input.heartbeatTimeoutMs }),
  states: {
    power: {
      initial: 'running',
      states: {
        running: { on: { 'ps.down': 'down' } },
        down: {
          initial: 'heartbeatLate',
          on: { 'ps.up': 'running' },
          states: {
            heartbeatLate: { after: { heartbeatTimeout: 'noHeartbeat' } },
            noHeartbeat: {}
          }
        }
      }
    },
    cache: {
      initial: 'normal',
      states: {
        normal: { on: { 'cache.low': 'throttled', 'cache.full': 'full' } },
        throttled: { on: { 'cache.normal': 'normal', 'cache.full': 'full' } },
        full: { on: { 'cache.normal': 'normal', 'cache.low': 'throttled' } }
      }
    }
  }
});
