// The sandbox's keyboard shortcuts: one table, read by the key handler and shown by the shortcuts
// list ("?"), so the two cannot disagree.

export type Command = 'toggle' | 'next' | 'faster' | 'slower' | 'hourForward' | 'hourBack' | 'start' | 'settings' | 'notes' | 'close' | 'shortcuts';

export interface Shortcut {
  /** The keys as the list shows them. */
  shown: readonly string[];
  label: string;
  /** `KeyboardEvent.key` values and what each does. */
  keys: Readonly<Record<string, Command>>;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { shown: ['Space', 'K'], label: 'Play or pause', keys: { ' ': 'toggle', k: 'toggle' } },
  { shown: ['→', '.'], label: 'Run to the next event', keys: { ArrowRight: 'next', '.': 'next' } },
  { shown: ['+', '−'], label: 'Faster or slower', keys: { '+': 'faster', '=': 'faster', '-': 'slower' } },
  { shown: [']', '['], label: 'One hour forward or back', keys: { ']': 'hourForward', '[': 'hourBack' } },
  { shown: ['Home'], label: 'Back to the start', keys: { Home: 'start' } },
  { shown: ['S'], label: 'Settings', keys: { s: 'settings' } },
  { shown: ['N'], label: 'Fidelity notes', keys: { n: 'notes' } },
  { shown: ['Esc'], label: 'Close a dialog or the inspector', keys: { Escape: 'close' } },
  { shown: ['?'], label: 'This list', keys: { '?': 'shortcuts' } }
];

const BY_KEY = new Map(SHORTCUTS.flatMap((s) => Object.entries(s.keys)));

/** What a key does in the sandbox, if anything. */
export function commandFor(key: string): Command | undefined {
  return BY_KEY.get(key);
}
