// The sessions one engine worker hosts, by id: each page view (a sandbox, later a lesson or an
// embed) has its own session and its own frame listener, so several can run side by side in one
// worker without one replacing another. The worker's play loop ticks every session that plays.

import { Session, type Frame } from './session';

/** A frame listener as the worker holds it: over Comlink, a proxy to release when the session closes. */
export type FrameListener = ((frame: Frame) => void) & { [key: symbol]: unknown };

export class SessionHost {
  private readonly sessions = new Map<string, { session: Session; listener: FrameListener }>();

  constructor(
    /** Releases a listener's proxy (Comlink's releaseProxy); nothing for a plain function. */
    private readonly release: (listener: FrameListener) => void = () => undefined
  ) {}

  /** A new session under `id`, sending its frames to `listener`; an id in use is closed first. */
  create(id: string, listener: FrameListener): void {
    if (!id) throw new Error('a session needs an id');
    this.close(id);
    this.sessions.set(id, { session: new Session((frame) => listener(frame)), listener });
  }

  /** Ends a session and lets go of its listener (an unknown id is already closed). */
  close(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    s.session.pause();
    this.release(s.listener);
  }

  /** The session under `id`. */
  get(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new Error(`there is no session "${id}" in this engine worker (it was closed, or the worker was restarted)`);
    return s.session;
  }

  /** The ids of the open sessions. */
  ids(): string[] {
    return [...this.sessions.keys()];
  }

  /** Advances every session that plays by `elapsedMs` of wall time. */
  tick(elapsedMs: number): void {
    for (const { session } of this.sessions.values()) if (session.playing) session.tick(elapsedMs);
  }
}
