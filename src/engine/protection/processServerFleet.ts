// The process servers of a run: the built-in one on the configuration server and any scale-out
// ones. Each has its own cache (a bounded stage in front of the upload), its own LAN link from the
// machines, its own processing (compression and upload) limit, its own figures and health; they
// share the site's uplink. Which machines use which server is the data plane's pool of each machine.

import type { StageLevel } from '../data/dataPlane';
import type { Parameters } from '../scenarios/parameters';
import { BUILT_IN_MAX_MACHINES, lanLinkOf, type ProcessServerSize } from '../scenarios/processServers';
import type { ScenarioDefinition } from '../scenarios/types';
import type { ProcessServerConfig } from '../script/config';
import { GiB, MB } from '../units';
import { ProcessServerMeter, tbPerDay, type ProcessServerFigures } from './processServerFigures';

export interface ProcessServerRuntime {
  id: string;
  /** Its pool in the data plane (its index among the run's process servers). */
  pool: number;
  /** The capacity table's size, or undefined for the built-in server (sized by the parameters). */
  size: ProcessServerSize | undefined;
  lanLink: string;
  cacheBytes: number;
  peakBytesPerSecond: number;
  dailyCapacityBytes: number;
  maxMachines: number;
  level: StageLevel;
  readonly meter: ProcessServerMeter;
  figures: ProcessServerFigures | undefined;
}

export class ProcessServerFleet {
  readonly servers: ProcessServerRuntime[];
  /** Each machine's process server (its pool), which `moveProcessServer` changes. */
  readonly poolOf: Int32Array;

  constructor(def: ScenarioDefinition, configs: readonly ProcessServerConfig[], machineServers: ReadonlyArray<string | undefined>, p: Parameters) {
    this.servers = configs.map((c, pool) => ({
      id: c.id,
      pool,
      size: c.size,
      lanLink: lanLinkOf(def, c.id),
      cacheBytes: (c.size ? c.size.cacheGiB : p['processServer.cacheGiB']) * GiB,
      peakBytesPerSecond: (c.size ? c.size.peakMBps : p['processServer.peakMBps']) * MB,
      dailyCapacityBytes: tbPerDay(c.size ? c.size.churnTBPerDay : p['processServer.capacityTBPerDay']),
      maxMachines: c.size ? c.size.maxMachines : BUILT_IN_MAX_MACHINES,
      level: 'normal',
      meter: new ProcessServerMeter(),
      figures: undefined
    }));
    this.poolOf = Int32Array.from(machineServers, (id) => Math.max(0, this.servers.findIndex((s) => s.id === id)));
  }

  /** Whether machines are spread over more than one process server (the data plane then pools them). */
  get pooled(): boolean {
    return this.servers.length > 1;
  }

  get(id: string): ProcessServerRuntime | undefined {
    return this.servers.find((s) => s.id === id);
  }

  /** The process server machine i replicates through. */
  of(i: number): ProcessServerRuntime {
    return this.servers[this.poolOf[i]!]!;
  }

  /** The built-in process server (on the configuration server). */
  get builtIn(): ProcessServerRuntime {
    return this.servers[0]!;
  }
}
