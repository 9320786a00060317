// What the parts of the simulation see of it: the estate as it is now (scenario, configuration,
// faults and conditions, components, machines, hops, process servers, host volumes). The
// simulation implements it; the parts never import the simulation itself.

import type { DataPlane } from '../data/dataPlane';
import type { HostVolume } from '../data/hostVolume';
import type { HopRuntime } from '../data/types';
import type { EventLog } from '../events';
import type { ActiveFault, Conditions } from '../protection/faults';
import type { MachineRuntime } from '../protection/machineRuntime';
import type { ProcessServerFleet } from '../protection/processServerFleet';
import type { Parameters } from '../scenarios/parameters';
import type { ScenarioDefinition } from '../scenarios/types';
import type { Policy, SimulationConfig } from '../script/config';
import type { Topology } from '../topology';

export interface Estate {
  readonly now: number;
  readonly def: ScenarioDefinition;
  readonly config: SimulationConfig;
  readonly params: Parameters;
  readonly policy: Policy;
  readonly faults: readonly ActiveFault[];
  readonly conditions: Conditions;
  /** Components and links that exist (deployable ones join when added). */
  readonly deployed: ReadonlySet<string>;
  readonly machines: readonly MachineRuntime[];
  readonly hops: readonly HopRuntime[];
  readonly fleet: ProcessServerFleet;
  readonly volumes: ReadonlyMap<string, HostVolume>;
  readonly topology: Topology;
  /** Index of the hop whose queue is the process server cache, or -1. */
  readonly cacheHop: number;
  readonly dataPlane: DataPlane;
  readonly log: EventLog;
  /** A component's label, as people read it in messages. */
  label(id: string): string;
}
