// What the live charts draw over time, gathered from the worker's frames: RPO per machine, .hrl
// size per disk, what each Hyper-V host volume holds (and when it filled), each process server's
// cache and throughput, copy progress per disk, each machine's recovery points (with the ones just
// pruned, to fade out), and the events.
// Memory stays bounded: when a series is full, every other sample goes and sampling slows down,
// so the whole run stays in view at a coarser grain. The charts are redrawn at most a few times a
// second, and less often when a redraw is slow, so they never take more than about a fifth of the
// page's time. A redraw is a round in which each chart takes its own animation frame (through the
// page's Pacer): with 50 machines all of them at once would be one task of over 50 ms. Going back
// in time (a rewind replays the run) starts everything over, and redraws at once.

import { flushSync } from 'svelte';
import type { Frame } from '../../../workers/session';
import type { SimEvent } from '../../engine/events';
import type { ChartSample, CopyPurpose, HostVolumeView, LiveView, PointMark, TopologyView } from '../../engine/view';
import { Pacer } from './pacer';

/** A sample: simulated seconds and a value (NaN where the value does not apply, which breaks a line). */
export type Sample = [t: number, value: number];

export interface LineSeries {
  id: string;
  label: string;
  points: Sample[];
}

/** A disk's series (.hrl bytes, copy progress), labelled "machine · disk". */
export interface DiskSeries extends LineSeries {
  machine: string;
  disk: string;
  diskBytes: number;
}

/** A point that retention pruned, kept a little while so it can fade out. */
export interface FadingMark extends PointMark {
  prunedAt: number;
}

export interface PointRow {
  id: string;
  points: PointMark[];
  pruned: FadingMark[];
}

export interface CopyRow {
  machine: string;
  disk: string;
  diskIndex: number;
  sizeBytes: number;
  /** 0..1 */
  progress: number;
  purpose: CopyPurpose;
  /** Simulated seconds left at the recent pace, or null when it cannot be told yet. */
  etaSeconds: number | null;
}

export interface ProcessServerSeries {
  cacheUsed: Sample[];
  cacheCapacity: Sample[];
  upload: Sample[];
  intake: Sample[];
}

/** One of several process servers: its id and its series. */
export interface ServerSeries {
  id: string;
  series: ProcessServerSeries;
}

/** A Hyper-V host's volume over time: what the VM snapshots and the .hrl logs hold, against the room beside the VM disks. */
export interface HostVolumeSeries {
  host: string;
  capacityBytes: number;
  snapshot: Sample[];
  logs: Sample[];
  /** Capacity less the VM disks: what the snapshot and the logs can take before the volume is full. */
  room: Sample[];
  /** Simulated seconds at which the volume was full and a VM's replication stopped (low disk space). */
  fills: number[];
  /** The volume as the newest frame has it. */
  latest: HostVolumeView | undefined;
}

export interface HistoryOptions {
  /** Most samples a series keeps before it halves its resolution (default 480). */
  maxSamples?: number;
  /** Smallest simulated time between samples at first (default 60 s). */
  minStep?: number;
  /** Events kept (default 400). */
  maxEvents?: number;
  /** Least wall time between two redraws of the series, in ms (default 200; 0 redraws every chart at every frame). */
  redrawMs?: number;
  /** Takes the charts' turns, shared with the page's other heavy updates (default: one of its own). */
  pacer?: Pacer;
}

/** The parts of a redraw, in the order of a round: each is one chart and takes one frame. */
const PARTS = ['rpo', 'hrl', 'ps', 'points', 'copies'] as const;
type Part = (typeof PARTS)[number];

/** Pruned points stay for this share of the retention window (at least 10 minutes) while they fade. */
const FADE_SHARE = 0.1;
/** A safety cap per machine; the engine's retention keeps lists far shorter. */
const MAX_POINTS = 5000;
/** Redraw rounds wait at least this many times as long as the last one's work took. */
const REDRAW_SHARE = 5;
/** Samples the copy pace is measured over. */
const PACE_SAMPLES = 20;
/** Moments a volume filled kept per host (the newest). */
const MAX_FILLS = 100;

export class FrameHistory {
  /** The scenario's topology, set by the page once it has it: disk names come from it. */
  topology = $state.raw<TopologyView | undefined>();
  #latest = $state.raw<Frame | undefined>();
  #events = $state.raw<SimEvent[]>([]);
  /** Events the run has logged so far (the list keeps the newest of them). */
  #eventTotal = 0;
  #now = $state(0);

  /** The newest frame, as it came. */
  get latest(): Frame | undefined {
    return this.#latest;
  }
  /** Events received, newest last (bounded). */
  get events(): SimEvent[] {
    return this.#events;
  }
  /** Simulated time the recovery points are drawn at (it moves when they are redrawn). */
  get now(): number {
    return this.#now;
  }

  readonly retention = $derived(this.latest?.live.retention ?? 0);
  readonly rpoThreshold = $derived(this.latest?.live.machines[0]?.rpoThreshold ?? 0);
  /** Seconds pruned points stay visible while they fade. */
  readonly fadeSeconds = $derived(Math.max(600, this.retention * FADE_SHARE));

  readonly rpo: LineSeries[] = $derived.by(() => {
    void this.#drawn.rpo;
    return this.#machines.map((id) => ({ id, label: id, points: this.#series(`rpo:${id}`) }));
  });

  /** .hrl bytes per disk; empty when the scenario keeps no .hrl logs. */
  readonly hrl: DiskSeries[] = $derived.by(() => {
    void this.#drawn.hrl;
    return this.#diskSeries('hrl');
  });

  /** Copy progress (0..1) per disk over time; NaN while no copy runs. */
  readonly copyProgress: DiskSeries[] = $derived.by(() => {
    void this.#drawn.copies;
    return this.#diskSeries('copy');
  });

  /** The built-in process server's series (the only one, in most scenarios); null where there is none. */
  readonly processServer: ProcessServerSeries | null = $derived.by(() => {
    void this.#drawn.ps;
    if (!this.#cols.has('ps:used')) return null;
    return this.#serverSeries('ps');
  });

  /** Every process server's series, the built-in one first, when there are several (empty otherwise). */
  readonly processServers: ServerSeries[] = $derived.by(() => {
    void this.#drawn.ps;
    const servers = this.topology?.processServers ?? [];
    if (servers.length < 2) return [];
    return servers.map((ps, i) => ({ id: ps.id, series: this.#serverSeries(i === 0 ? 'ps' : `ps:${ps.id}`) }));
  });

  /** Each Hyper-V host with VMs: its volume over time (empty where hosts keep no .hrl logs); redrawn with the .hrl logs, beside them. */
  readonly hostVolumes: HostVolumeSeries[] = $derived.by(() => {
    void this.#drawn.hrl;
    const t = this.topology;
    if (!t) return [];
    const latest = this.#frame?.live.hostVolumes ?? [];
    return t.hostVolumes
      .filter((v) => t.machines.some((m) => m.host === v.host))
      .map((v) => ({
        host: v.host,
        capacityBytes: v.capacityBytes,
        snapshot: this.#series(`vol:${v.host}:snap`),
        logs: this.#series(`vol:${v.host}:log`),
        room: this.#series(`vol:${v.host}:room`),
        fills: [...(this.#fills.get(v.host) ?? [])],
        latest: latest.find((x) => x.host === v.host)
      }));
  });

  readonly points: PointRow[] = $derived.by(() => {
    void this.#drawn.points;
    return this.#machines.map((id) => ({ id, points: [...(this.#points.get(id) ?? [])], pruned: [...(this.#pruned.get(id) ?? [])] }));
  });

  /** Disks being copied now, with their progress and the time left at the recent pace. */
  readonly copies: CopyRow[] = $derived.by(() => {
    void this.#drawn.copies;
    const live = this.#frame?.live;
    if (!live) return [];
    const rows: CopyRow[] = [];
    for (const m of live.machines) {
      if (!m.diskProgress || !m.copyPurpose) continue;
      m.diskProgress.forEach((progress, d) => {
        rows.push({ machine: m.id, disk: this.#diskName(m.id, d), diskIndex: d, sizeBytes: m.diskBytes[d] ?? 0, progress, purpose: m.copyPurpose!, etaSeconds: this.#eta(`copy:${m.id}:${d}`) });
      });
    }
    return rows;
  });

  /** Each part's count of redraws: what a chart draws reads its part's. */
  #drawn = $state<Record<Part, number>>({ rpo: 0, hrl: 0, ps: 0, points: 0, copies: 0 });
  /** The newest frame, read by the series without depending on it (they follow their redraws). */
  #frame: Frame | undefined;
  /** Wall time the running round started at (undefined between rounds). */
  #round: number | undefined;
  /** Wall milliseconds the running round's parts took. */
  #roundWork = 0;
  /** A frame came while a round ran: another round follows it. */
  #again = false;
  #lastRedraw = -Infinity;
  /** Wall milliseconds between rounds now: `redrawMs`, or more after a slow round. */
  #interval: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #pacer: Pacer;
  #t: number[] = [];
  #cols = new Map<string, number[]>();
  #step: number;
  #machines: string[] = [];
  #disks = new Map<string, number>();
  #points = new Map<string, PointMark[]>();
  #pruned = new Map<string, FadingMark[]>();
  /** Per host, the moments its volume filled (from the events). */
  #fills = new Map<string, number[]>();
  readonly #maxSamples: number;
  readonly #minStep: number;
  readonly #maxEvents: number;
  readonly #redrawMs: number;

  constructor(options: HistoryOptions = {}) {
    this.#maxSamples = Math.max(8, options.maxSamples ?? 480);
    this.#minStep = options.minStep ?? 60;
    this.#maxEvents = options.maxEvents ?? 400;
    this.#redrawMs = options.redrawMs ?? 200;
    this.#interval = this.#redrawMs;
    this.#step = this.#minStep;
    this.#pacer = options.pacer ?? new Pacer();
  }

  /** Takes the next frame from the worker. */
  push(frame: Frame): void {
    const live = frame.live;
    const previous = this.#frame;
    const rewound = previous !== undefined && live.now < previous.live.now;
    if (rewound) this.#clear();
    // The moments the run passed since the previous frame first, then the frame's own.
    for (const sample of frame.trail) this.#sample(sample);
    this.#sample(live);
    this.#follow(frame);
    this.#volumeFills(live);
    // A run made again (an action the engine refused) may log differently from some event on: the
    // events from there are replaced.
    if (live.eventsFrom < this.#eventTotal) this.#events = this.#events.slice(0, Math.max(0, this.#events.length - (this.#eventTotal - live.eventsFrom)));
    if (live.events.length > 0) this.#events = [...this.#events, ...live.events].slice(-this.#maxEvents);
    this.#eventTotal = live.eventCount;
    this.#latest = frame;
    this.#frame = frame;
    // After a rewind the charts start over at once.
    if (rewound || this.#redrawMs <= 0) this.#redrawAll();
    else this.#redrawSoon();
  }

  /** Stops pending redraws (when the page goes away). */
  dispose(): void {
    this.#stop();
    this.#pacer.dispose();
  }

  #stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const part of PARTS) this.#pacer.cancel(`chart:${part}`);
    this.#round = undefined;
  }

  /** Starts a round now if the last one is old enough, otherwise once it is (a running round looks again when it ends). */
  #redrawSoon(): void {
    if (this.#round !== undefined) this.#again = true;
    if (this.#round !== undefined || this.#timer !== undefined) return;
    const wait = this.#lastRedraw + this.#interval - performance.now();
    if (wait <= 0) this.#startRound();
    else this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#startRound();
    }, wait);
  }

  /** Queues every part; each redraws its chart in its own frame, DOM included, and times it. */
  #startRound(): void {
    this.#round = performance.now();
    this.#roundWork = 0;
    this.#again = false;
    for (const part of PARTS) {
      this.#pacer.run(`chart:${part}`, () => {
        const start = performance.now();
        this.#redrawPart(part);
        flushSync();
        this.#roundWork += performance.now() - start;
        if (part === PARTS.at(-1)) this.#endRound();
      });
    }
  }

  #endRound(): void {
    this.#lastRedraw = this.#round ?? performance.now();
    this.#round = undefined;
    // What the round's work took (drawing its parts into the DOM) sets the next interval.
    this.#interval = Math.min(2000, Math.max(this.#redrawMs, REDRAW_SHARE * this.#roundWork));
    // Frames that came during the round are drawn by the next one.
    if (this.#again) this.#redrawSoon();
  }

  #redrawPart(part: Part): void {
    if (part === 'points') this.#now = this.#t.at(-1) ?? 0;
    this.#drawn[part]++;
  }

  /** Every chart at once (a rewind, a new scenario, or `redrawMs` 0). */
  #redrawAll(): void {
    this.#stop();
    this.#lastRedraw = performance.now();
    for (const part of PARTS) this.#redrawPart(part);
  }

  /** Forgets everything (the page calls this for a new scenario; a rewind does it by itself). */
  reset(): void {
    this.#clear();
    this.#redrawAll();
  }

  #clear(): void {
    this.#t = [];
    this.#cols.clear();
    this.#step = this.#minStep;
    this.#points.clear();
    this.#pruned.clear();
    this.#fills.clear();
    this.#events = [];
    this.#eventTotal = 0;
    this.#latest = undefined;
    this.#frame = undefined;
  }

  /** Samples kept now (for tests and figures). */
  get sampleCount(): number {
    return this.#t.length;
  }

  #sample(live: ChartSample): void {
    const now = live.now;
    this.#machines = live.machines.map((m) => m.id);
    const t = this.#t;
    const n = t.length;
    // The newest sample follows the time shown until the step has passed, then stays.
    let at = n;
    if (n >= 1 && now <= t[n - 1]!) at = n - 1;
    else if (n >= 2 && now - t[n - 2]! < this.#step) at = n - 1;
    t[at] = now;
    const seen = new Set<string>();
    const put = (key: string, v: number): void => {
      seen.add(key);
      let col = this.#cols.get(key);
      if (!col) {
        col = new Array<number>(at).fill(NaN);
        this.#cols.set(key, col);
      }
      col[at] = v;
    };
    for (const m of live.machines) {
      this.#disks.set(m.id, m.diskBytes.length);
      put(`rpo:${m.id}`, m.rpoSeconds ?? NaN);
      m.diskBytes.forEach((_, d) => {
        if (m.hrlBytes) put(`hrl:${m.id}:${d}`, m.hrlBytes[d] ?? NaN);
        put(`copy:${m.id}:${d}`, m.diskProgress?.[d] ?? NaN);
      });
    }
    // The built-in process server keeps the "ps" series; with several, each other one has its own.
    const deployed = new Map(live.components.map((c) => [c.id, c.deployed]));
    live.processServers.forEach((ps, i) => {
      const key = i === 0 ? 'ps' : `ps:${ps.id}`;
      // A server a step adds later has no figures before it is there: its lines start when it is.
      const on = deployed.get(ps.id) !== false;
      put(`${key}:used`, on ? ps.cacheUsedBytes : NaN);
      put(`${key}:cap`, on ? ps.cacheCapacityBytes : NaN);
      put(`${key}:up`, on ? ps.uploadBytesPerSecond : NaN);
      put(`${key}:in`, on ? ps.intakeBytesPerSecond : NaN);
    });
    for (const v of live.hostVolumes) {
      put(`vol:${v.host}:snap`, v.snapshotBytes);
      put(`vol:${v.host}:log`, v.logBytes);
      put(`vol:${v.host}:room`, v.capacityBytes - v.vhdBytes);
    }
    for (const [key, col] of this.#cols) {
      if (!seen.has(key)) col[at] = NaN;
      col.length = t.length;
    }
    if (t.length > this.#maxSamples) this.#halve();
  }

  /** Keeps every other sample (and the newest) and samples half as often from now on. */
  #halve(): void {
    const n = this.#t.length;
    const keep = (_: number, i: number): boolean => i % 2 === 0 || i === n - 1;
    this.#t = this.#t.filter(keep);
    for (const [key, col] of this.#cols) this.#cols.set(key, col.filter(keep));
    this.#step *= 2;
  }

  #follow(frame: Frame): void {
    const now = frame.live.now;
    for (const c of frame.points ?? []) {
      const list = c.reset ? [] : (this.#points.get(c.machine) ?? []);
      const fading = c.reset ? [] : (this.#pruned.get(c.machine) ?? []);
      for (const p of list.splice(0, Math.min(c.pruned, list.length))) fading.push({ ...p, prunedAt: now });
      list.push(...c.added);
      if (list.length > MAX_POINTS) list.splice(0, list.length - MAX_POINTS);
      this.#points.set(c.machine, list);
      this.#pruned.set(c.machine, fading);
    }
    const fade = Math.max(600, (frame.live.retention ?? 0) * FADE_SHARE);
    for (const [id, fading] of this.#pruned) {
      const kept = fading.filter((p) => now - p.prunedAt <= fade);
      if (kept.length !== fading.length) this.#pruned.set(id, kept);
    }
  }

  /** Notes when a host's volume was full: a VM's replication stopped for low disk space on it. */
  #volumeFills(live: LiveView): void {
    if (live.hostVolumes.length === 0) return;
    for (const e of live.events) {
      if (e.code !== 'replication.error') continue;
      const host = live.hostVolumes.find((v) => e.message.includes(`low disk space on ${v.host}`))?.host;
      if (!host) continue;
      const list = this.#fills.get(host) ?? [];
      // Two VMs stopping at the same moment are one fill.
      if (list.at(-1) !== e.at) list.push(e.at);
      if (list.length > MAX_FILLS) list.splice(0, list.length - MAX_FILLS);
      this.#fills.set(host, list);
    }
  }

  #serverSeries(key: string): ProcessServerSeries {
    return { cacheUsed: this.#series(`${key}:used`), cacheCapacity: this.#series(`${key}:cap`), upload: this.#series(`${key}:up`), intake: this.#series(`${key}:in`) };
  }

  #series(key: string): Sample[] {
    const col = this.#cols.get(key);
    if (!col) return [];
    return this.#t.map((t, i) => [t, col[i] ?? NaN] as Sample);
  }

  #diskSeries(kind: 'hrl' | 'copy'): DiskSeries[] {
    const out: DiskSeries[] = [];
    const live = this.#frame?.live;
    for (const id of this.#machines) {
      const disks = this.#disks.get(id) ?? 0;
      const m = live?.machines.find((x) => x.id === id);
      for (let d = 0; d < disks; d++) {
        const key = `${kind}:${id}:${d}`;
        if (!this.#cols.has(key)) continue;
        const disk = this.#diskName(id, d);
        out.push({ id: `${id}/${disk}`, label: `${id} · ${disk}`, machine: id, disk, diskBytes: m?.diskBytes[d] ?? 0, points: this.#series(key) });
      }
    }
    return out;
  }

  #diskName(machine: string, d: number): string {
    return this.topology?.machines.find((m) => m.id === machine)?.disks[d]?.id ?? `disk ${d + 1}`;
  }

  /** Time left for a copy at the pace of its recent samples (within the copy running now). */
  #eta(key: string): number | null {
    const col = this.#cols.get(key);
    const t = this.#t;
    const last = t.length - 1;
    if (!col || last < 1) return null;
    const v = col[last]!;
    if (!Number.isFinite(v)) return null;
    if (v >= 1) return 0;
    let j = last;
    while (j > 0 && last - j < PACE_SAMPLES && Number.isFinite(col[j - 1]!) && col[j - 1]! <= col[j]!) j--;
    const dt = t[last]! - t[j]!;
    const rate = dt > 0 ? (v - col[j]!) / dt : 0;
    return rate > 0 ? (1 - v) / rate : null;
  }
}
