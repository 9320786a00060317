// The worker's sessions by id: two sessions in one worker run apart (opening, playing, stepping
// one leaves the other as it was), closing one releases its listener and keeps the other, and a
// call to a closed or unknown session says so.

import { describe, expect, it } from 'vitest';
import type { Frame } from '../../workers/session';
import { SessionHost, type FrameListener } from '../../workers/sessionHost';

const FILE = { scenario: 'vmware-to-azure', until: '6h', steps: [{ at: '0s', do: 'enableReplication', machines: 'all' }] };

function listener(into: Frame[]): FrameListener {
  return ((f: Frame) => void into.push(f)) as unknown as FrameListener;
}

describe('SessionHost', () => {
  it('keeps two sessions apart: each has its own file, time and frames', () => {
    const host = new SessionHost();
    const a: Frame[] = [];
    const b: Frame[] = [];
    host.create('a', listener(a));
    host.create('b', listener(b));
    expect(host.get('a').open(FILE).ok).toBe(true);
    expect(host.get('b').open({ ...FILE, scenario: 'hyperv-to-azure' }).ok).toBe(true);
    host.get('a').seek(3 * 3600);
    expect(a.at(-1)!.live.now).toBe(3 * 3600);
    expect(b.at(-1)!.live.now).toBe(0);
    expect(host.get('b').file().scenario).toBe('hyperv-to-azure');
    // Only a playing session moves on a tick.
    host.get('b').play();
    const before = a.length;
    host.tick(100);
    expect(a.length).toBe(before);
    expect(b.at(-1)!.live.now).toBeGreaterThan(0);
    expect(host.ids()).toEqual(['a', 'b']);
  });

  it('closing a session releases its listener and leaves the others; a closed id is refused', () => {
    const released: string[] = [];
    const host = new SessionHost((l) => released.push(String(l.name)));
    const named = (name: string): FrameListener => Object.defineProperty(listener([]), 'name', { value: name });
    host.create('a', named('first'));
    host.create('b', named('second'));
    host.close('a');
    expect(released).toEqual(['first']);
    expect(host.ids()).toEqual(['b']);
    expect(() => host.get('a')).toThrow(/there is no session "a" in this engine worker/);
    host.close('a'); // already closed: nothing more to release
    expect(released).toEqual(['first']);
    // An id opened again replaces its session, releasing the old listener.
    host.create('b', named('third'));
    expect(released).toEqual(['first', 'second']);
    expect(() => host.create('', named('x'))).toThrow(/needs an id/);
  });
});
