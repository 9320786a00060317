// The sandbox's shortcuts: the key handler and the "?" list read one table, so every key the list
// shows does something and every command has a key in the list.

import { describe, expect, it } from 'vitest';
import { SHORTCUTS, commandFor, type Command } from '../../src/app/sandbox/keymap';

describe('keymap', () => {
  it('maps the keys as the list shows them', () => {
    expect(commandFor(' ')).toBe('toggle');
    expect(commandFor('k')).toBe('toggle');
    expect(commandFor('ArrowRight')).toBe('next');
    expect(commandFor('=')).toBe('faster');
    expect(commandFor('-')).toBe('slower');
    expect(commandFor('[')).toBe('hourBack');
    expect(commandFor('Escape')).toBe('close');
    expect(commandFor('x')).toBeUndefined();
  });

  it('lists every command once, each row with keys to press and keys to show', () => {
    const all: Command[] = ['toggle', 'next', 'faster', 'slower', 'hourForward', 'hourBack', 'start', 'settings', 'notes', 'close', 'shortcuts'];
    const listed = SHORTCUTS.flatMap((s) => [...new Set(Object.values(s.keys))]);
    expect([...listed].sort()).toEqual([...all].sort());
    for (const s of SHORTCUTS) {
      expect(s.shown.length).toBeGreaterThan(0);
      expect(Object.keys(s.keys).length).toBeGreaterThanOrEqual(s.shown.length);
      expect(s.label()).not.toBe('');
    }
    // No key does two things.
    const keys = SHORTCUTS.flatMap((s) => Object.keys(s.keys));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
