// A step rejected where the data was stopped for it: the run is made again without stopping there.

import { english, type Message } from '../messages/index';

/**
 * Thrown out of a run when a step of the file, run where the data was stopped for it, was
 * rejected: the run is then made again with the step known to be rejected (see createSimulation).
 */
export class RejectedAtDataStop extends Error {
  /** Why, in English. */
  readonly reason: string;

  constructor(
    readonly step: number,
    /** Why, as a message. */
    readonly text: Message
  ) {
    const reason = english(text);
    super(`step ${step} was rejected where the data stopped for it: ${reason}`);
    this.reason = reason;
  }
}
