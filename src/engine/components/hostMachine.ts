// A host that runs protected machines (Hyper-V host, ESXi host, or a physical server itself):
// running, out of disk space, or down.

import { setup } from 'xstate';

export type HostEvent = { type: 'host.down' } | { type: 'host.up' } | { type: 'host.diskFull' } | { type: 'host.diskFreed' };

export const hostMachine = setup({
  types: { events: {} as HostEvent }
}).createMachine({
  id: 'host',
  initial: 'running',
  states: {
    running: { on: { 'host.down': 'down', 'host.diskFull': 'diskFull' } },
    diskFull: { on: { 'host.diskFreed': 'running', 'host.down': 'down' } },
    down: { on: { 'host.up': 'running' } }
  }
});
