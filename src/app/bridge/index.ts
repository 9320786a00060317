// The one bridge to the engine worker: starts it, wraps it with Comlink, and is the only place the
// page touches the worker.

import { wrap, type Remote } from 'comlink';
import type { EngineApi } from '../../../workers/engine.worker';

let worker: Worker | undefined;
let remote: Remote<EngineApi> | undefined;

export function engine(): Remote<EngineApi> {
  if (!remote) {
    worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
    remote = wrap<EngineApi>(worker);
  }
  return remote;
}
