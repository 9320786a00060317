// A component with no replication logic of its own (vault, storage account, VMM server,
// configuration server, master target, SAN array, site): available or down.

import { setup } from 'xstate';

export type ServiceEvent = { type: 'service.down' } | { type: 'service.up' };

export const serviceMachine = setup({
  types: { events: {} as ServiceEvent }
}).createMachine({
  id: 'service',
  initial: 'available',
  states: {
    available: { on: { 'service.down': 'down' } },
    down: { on: { 'service.up': 'available' } }
  }
});
