// The replication agent of a machine or host (Mobility service, Unified Agent, Recovery Services
// agent with the Provider): installed by push or by hand, running, stopped with its machine, or
// failing to authenticate (a non-recoverable error: no retries until an administrator acts).

import { setup } from 'xstate';

export type AgentEvent =
  | { type: 'agent.install' }
  | { type: 'agent.installed' }
  | { type: 'agent.stop' }
  | { type: 'agent.start' }
  | { type: 'auth.fail' }
  | { type: 'auth.ok' };

export const agentMachine = setup({
  types: { events: {} as AgentEvent }
}).createMachine({
  id: 'agent',
  initial: 'notInstalled',
  states: {
    notInstalled: { on: { 'agent.install': 'installing', 'agent.installed': 'running' } },
    installing: { on: { 'agent.installed': 'running' } },
    running: { on: { 'agent.stop': 'stopped', 'auth.fail': 'authFailed' } },
    stopped: { on: { 'agent.start': 'running', 'auth.fail': 'authFailed' } },
    authFailed: { on: { 'auth.ok': 'running', 'agent.stop': 'authFailed' } }
  }
});
