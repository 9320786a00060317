// agentMachine: install, run, stop/start and authentication failure; every (state, event) pair.

import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { agentMachine } from '../../../src/engine/components/agentMachine';
import type { AgentEvent } from '../../../src/engine/components/agentMachine';

type AgentState = 'notInstalled' | 'installing' | 'running' | 'stopped' | 'authFailed';
const events: AgentEvent['type'][] = ['agent.install', 'agent.installed', 'agent.stop', 'agent.start', 'auth.fail', 'auth.ok'];

// Anything not listed leaves the state unchanged.
const moves: Record<AgentState, Partial<Record<AgentEvent['type'], AgentState>>> = {
  notInstalled: { 'agent.install': 'installing', 'agent.installed': 'running' },
  installing: { 'agent.installed': 'running' },
  running: { 'agent.stop': 'stopped', 'auth.fail': 'authFailed' },
  stopped: { 'agent.start': 'running', 'auth.fail': 'authFailed' },
  authFailed: { 'auth.ok': 'running', 'agent.stop': 'authFailed' }
};

describe('agentMachine', () => {
  it('starts not installed', () => {
    const [s0] = initialTransition(agentMachine);
    expect(s0.value).toBe('notInstalled');
  });

  describe('transition table (every state x every event)', () => {
    const cases = (Object.keys(moves) as AgentState[]).flatMap((from) =>
      events.map((ev) => [from, ev, moves[from][ev] ?? from] as const)
    );
    it.each(cases)('%s + %s -> %s', (from, ev, to) => {
      const [next] = transition(agentMachine, agentMachine.resolveState({ value: from }), { type: ev });
      expect(next.value).toBe(to);
    });
  });

  it('push install: notInstalled -> installing -> running', () => {
    const actor = createActor(agentMachine).start();
    actor.send({ type: 'agent.install' });
    expect(actor.getSnapshot().matches('installing')).toBe(true);
    actor.send({ type: 'agent.installed' });
    expect(actor.getSnapshot().matches('running')).toBe(true);
  });

  it('manual install: notInstalled -> running directly', () => {
    const actor = createActor(agentMachine).start();
    actor.send({ type: 'agent.installed' });
    expect(actor.getSnapshot().matches('running')).toBe(true);
  });

  it('stops and starts with its machine', () => {
    const actor = createActor(agentMachine).start();
    actor.send({ type: 'agent.installed' });
    actor.send({ type: 'agent.stop' });
    expect(actor.getSnapshot().matches('stopped')).toBe(true);
    actor.send({ type: 'agent.start' });
    expect(actor.getSnapshot().matches('running')).toBe(true);
  });

  it('ignores auth.ok while running', () => {
    const actor = createActor(agentMachine).start();
    actor.send({ type: 'agent.installed' });
    actor.send({ type: 'auth.ok' });
    expect(actor.getSnapshot().value).toBe('running');
  });

  it('stays authFailed until auth.ok: agent.stop and agent.start do not clear it', () => {
    const actor = createActor(agentMachine).start();
    actor.send({ type: 'agent.installed' });
    actor.send({ type: 'auth.fail' });
    expect(actor.getSnapshot().value).toBe('authFailed');
    actor.send({ type: 'agent.stop' });
    expect(actor.getSnapshot().value).toBe('authFailed');
    actor.send({ type: 'agent.start' });
    expect(actor.getSnapshot().value).toBe('authFailed');
    actor.send({ type: 'auth.ok' });
    expect(actor.getSnapshot().value).toBe('running');
  });

  it('a stopped agent can fail authentication', () => {
    const actor = createActor(agentMachine).start();
    actor.send({ type: 'agent.installed' });
    actor.send({ type: 'agent.stop' });
    actor.send({ type: 'auth.fail' });
    expect(actor.getSnapshot().value).toBe('authFailed');
  });

  it('ignores everything but agent.installed while installing', () => {
    const actor = createActor(agentMachine).start();
    actor.send({ type: 'agent.install' });
    for (const type of ['agent.install', 'agent.stop', 'agent.start', 'auth.fail', 'auth.ok'] as const) {
      actor.send({ type });
      expect(actor.getSnapshot().value).toBe('installing');
    }
  });
});
