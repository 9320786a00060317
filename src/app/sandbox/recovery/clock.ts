// How the recovery panel words data lost: "none" when nothing was, otherwise a duration.

import { duration } from '../../format';

/** Data lost for people: "none", or a duration. */
export function lossText(seconds: number): string {
  return seconds <= 0 ? 'none' : duration(seconds);
}
