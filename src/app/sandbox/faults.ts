// The faults a user can inject from the page, in words: a short name for the menu and what will
// happen, for the confirmation. Which ones apply to a target comes from the engine.

import type { FaultKind } from '../../../src/engine/script/config';
import type { TrackerKind } from '../../../src/engine/data/types';

export interface FaultText {
  name: string;
  /** What happens, for the confirmation; `{t}` is the target's name. */
  effect: string;
  /** Whether it can be given a duration (a disk that grew stays grown). */
  timed: boolean;
}

export const FAULT_TEXT: Record<FaultKind, FaultText> = {
  linkDown: { name: 'Take the link down', effect: 'Every transfer over {t} fails.', timed: true },
  linkDegraded: { name: 'Throttle the link', effect: '{t} keeps only part of its bandwidth. If the machines write faster than it can carry, the backlog and the RPO grow.', timed: true },
  processServerDown: { name: 'Stop the process server', effect: 'Machines cannot hand their changes to {t}, so they keep them and retry. Its heartbeat stops: Warning at once, Critical after 15 minutes.', timed: true },
  cacheFull: { name: 'Fill the cache', effect: 'The cache of {t} takes no more changes. They wait on the machines; an agent whose buffer overflows needs a resync.', timed: true },
  hostDiskFull: { name: 'Fill the host disk', effect: 'On a Hyper-V host the .hrl logs can no longer be kept, so change tracking is lost and a resync follows. Elsewhere the machines on {t} stop writing.', timed: true },
  authFailure: { name: 'Break authentication', effect: '{t} can no longer authenticate: a non-recoverable error. Its machines turn Critical and are not retried; after clearing it, start a resync.', timed: true },
  forcedShutdown: { name: 'Force it off', effect: '{t} stops without warning. When it runs again its machines need a resync, because changes may have been lost.', timed: true },
  diskResize: { name: 'Grow a disk', effect: 'The last disk of {t} doubles in size. A protected machine needs a resync. Disks do not shrink back, so this lasts.', timed: false },
  siteDown: { name: 'Take the site down', effect: 'Every component and machine at the primary site stops, and its links go down: a site disaster.', timed: true }
};

export const DURATIONS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'until I clear it' },
  { value: '15m', label: '15 minutes' },
  { value: '30m', label: '30 minutes' },
  { value: '1h', label: '1 hour' },
  { value: '2h', label: '2 hours' },
  { value: '6h', label: '6 hours' },
  { value: '12h', label: '12 hours' },
  { value: '24h', label: '1 day' }
];

export interface PendingFault {
  kind: FaultKind;
  target: string;
  targetName: string;
  duration: string;
  bandwidthPercent: number;
}

/** The step that injects the fault. */
export function faultStep(f: PendingFault): Record<string, unknown> {
  const step: Record<string, unknown> = { do: 'fault', fault: f.kind, target: f.target };
  if (f.kind === 'linkDegraded') step.bandwidthPercent = f.bandwidthPercent;
  if (FAULT_TEXT[f.kind].timed && f.duration) step.for = f.duration;
  return step;
}

/** What a link going down does, by the scenario's change tracking (the engine's rules, in words). */
const LINK_DOWN_BY_TRACKER: Record<TrackerKind, string> = {
  mobility: ' A network fault on the replication path marks every machine replicating over it for resynchronisation; the resync waits for the end of office hours (or for you, with a manual resync policy) and sends only the chunks that differ.',
  hrl: ' The hosts keep their .hrl logs and retry after 1, 2, 4, 8 and 10 minutes, then every 30 minutes; a log that reaches half its disk needs a resync.',
  san: ' The arrays stop mirroring and keep track of the changed regions; they resynchronise by themselves as soon as it is back.'
};

/** What the confirmation says will happen, for a scenario with this change tracking. */
export function faultEffect(f: PendingFault, tracker: TrackerKind): string {
  const text = FAULT_TEXT[f.kind].effect.replaceAll('{t}', f.targetName) + (f.kind === 'linkDown' ? LINK_DOWN_BY_TRACKER[tracker] : '');
  const keeps = f.kind === 'linkDegraded' ? ` It keeps ${f.bandwidthPercent} %.` : '';
  const how = !FAULT_TEXT[f.kind].timed ? '' : f.duration ? ` It clears by itself after ${DURATIONS.find((d) => d.value === f.duration)?.label ?? f.duration}.` : ' It lasts until you clear it.';
  return `${text}${keeps}${how}`;
}
