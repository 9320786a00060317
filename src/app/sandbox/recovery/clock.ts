// How the recovery panel words data lost: "none" when nothing was, otherwise a duration.

import { duration } from '../../format';
import { m } from '../../../paraglide/messages';

/** Data lost for people: "none", or a duration. */
export function lossText(seconds: number): string {
  return seconds <= 0 ? m.loss_none() : duration(seconds);
}
