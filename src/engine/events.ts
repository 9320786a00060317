// The event log: everything a person would want to read about a run, each with a stable code.

import { english } from './messages/en';
import type { Message } from './messages/message';

export type Severity = 'info' | 'warning' | 'error';

export interface SimEvent {
  /** Simulated seconds. */
  at: number;
  severity: Severity;
  /** Stable, dotted code (e.g. "replication.retry", "rpo.exceeded"). */
  code: string;
  machine: string | null;
  component: string | null;
  /** The sentence in English, as the CLI and the report show it. */
  message: string;
  /** The sentence as a message code with its parameters, for the page to render in any language. */
  text: Message;
}

export type EventListener = (e: SimEvent) => void;

export class EventLog {
  readonly list: SimEvent[] = [];
  private readonly listeners = new Set<EventListener>();

  push(at: number, severity: Severity, code: string, text: Message, machine: string | null = null, component: string | null = null): void {
    const e: SimEvent = { at, severity, code, machine, component, message: english(text), text };
    this.list.push(e);
    for (const l of this.listeners) l(e);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Typed domain events: how a lower layer tells the layers above what happened without knowing them
 * (protection tells recovery a machine's last changes arrived; recovery tells a plan a machine is
 * up). Listeners run at once, in the order they subscribed, so a run stays deterministic.
 */
export class DomainEvents<E extends { type: string }> {
  private readonly listeners: Array<(e: E) => void> = [];

  on(listener: (e: E) => void): void {
    this.listeners.push(listener);
  }

  emit(e: E): void {
    for (const l of this.listeners) l(e);
  }
}
