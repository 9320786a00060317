// Shapes shared by the data plane and the engine that drives it.

export type TrackerKind = 'mobility' | 'hrl' | 'san';

export type DataMode = 'off' | 'copy' | 'delta' | 'stopped';

/** Why a machine cannot use a hop at the moment. */
export interface HopBlock {
  /** failure: a recoverable error, retried with back-off. auth: non-recoverable. wait: flow control, nothing fails. */
  kind: 'failure' | 'auth' | 'wait';
  reason: string;
  /** A network fault (the link is down), as opposed to a receiver that does not answer. */
  network?: boolean;
}

/** A hop of the replication path as the data plane sees it in one window. */
export interface HopRuntime {
  readonly id: string;
  readonly kind: 'network' | 'apply';
  /** Whether all machines share the capacity (a site's uplink) or each has its own (apply). */
  readonly shared: boolean;
  /** Bytes per second available now (before sharing). */
  capacity: number;
  latency: number;
  /** Bytes on the wire per byte of replicated data (compression). */
  ratio: number;
  /**
   * With scale-out process servers, the machines of each process server (a pool) share what that
   * server may use of the hop, and the pools together share `capacity` (Infinity when each pool
   * has a link of its own). Undefined when every machine uses one process server.
   */
  pools?: { capacity: Float64Array };
}

/** Something the data plane found inside a window, delivered to the control plane at its exact time. */
export type Derived =
  | { t: number; kind: 'transfer.failed'; machine: number; hop: number; reason: string; network: boolean }
  | { t: number; kind: 'auth.failed'; machine: number; reason: string }
  | { t: number; kind: 'resync.required'; machine: number; reason: string }
  | { t: number; kind: 'volume.full'; machine: number; disk: number }
  | { t: number; kind: 'moved'; machine: number }
  | { t: number; kind: 'copy.diskCompleted'; machine: number; disk: number }
  | { t: number; kind: 'copy.completed'; machine: number }
  | { t: number; kind: 'rpo.exceeded'; machine: number; rpo: number }
  | { t: number; kind: 'rpo.recovered'; machine: number; rpo: number }
  | { t: number; kind: 'points.stale'; machine: number; since: number }
  | { t: number; kind: 'points.fresh'; machine: number }
  | { t: number; kind: 'drained'; machine: number };

export interface StreamSettings {
  blockBytes: number;
  chunkBlocks: number;
  segmentBytes: number;
  /** Disks copied at a time during initial replication. */
  lanes: number;
  /** Size of a log file with no writes in it (headers). */
  hrlHeaderBytes: number;
  /** Share of a disk's size at which its .hrl logs force a resync. */
  hrlResyncFraction: number;
  /** Bytes the source-side agent can buffer before it gives up and asks for a resync. */
  sourceBufferBytes: number;
  /** Hyper-V copy frequency in seconds (HRL trackers only). */
  copyFrequency: number;
  /** Seconds without a new recovery point after which health turns Critical. */
  stalePointSeconds: number;
}
