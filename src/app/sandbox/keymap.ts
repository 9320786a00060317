// The sandbox's keyboard shortcuts: one table, read by the key handler and shown by the shortcuts
// list ("?"), so the two cannot disagree.

export type Command = 'toggle' | 'next' | 'faster' | 'slower' | 'hourForward' | 'hourBack' | 'start' | 'settings' | 'notes' | 'close' | 'shortcuts';

import { m } from '../../paraglide/messages';

export interface Shortcut {
  /** The keys as the list shows them (a function where the key's name has words). */
  shown: ReadonlyArray<string | (() => string)>;
  label: () => string;
  /** `KeyboardEvent.key` values and what each does. */
  keys: Readonly<Record<string, Command>>;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { shown: [m.key_space, 'K'], label: m.key_toggle, keys: { ' ': 'toggle', k: 'toggle' } },
  { shown: ['→', '.'], label: m.key_next, keys: { ArrowRight: 'next', '.': 'next' } },
  { shown: ['+', '−'], label: m.key_speed, keys: { '+': 'faster', '=': 'faster', '-': 'slower' } },
  { shown: [']', '['], label: m.key_hour, keys: { ']': 'hourForward', '[': 'hourBack' } },
  { shown: ['Home'], label: m.key_start, keys: { Home: 'start' } },
  { shown: ['S'], label: m.key_settings, keys: { s: 'settings' } },
  { shown: ['N'], label: m.key_notes, keys: { n: 'notes' } },
  { shown: [m.key_esc], label: m.key_close, keys: { Escape: 'close' } },
  { shown: ['?'], label: m.key_shortcuts, keys: { '?': 'shortcuts' } }
];

const BY_KEY = new Map(SHORTCUTS.flatMap((s) => Object.entries(s.keys)));

/** What a key does in the sandbox, if anything. */
export function commandFor(key: string): Command | undefined {
  return BY_KEY.get(key);
}
