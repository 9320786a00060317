// The engine's layers, checked by dependency-cruiser in the gate (`npm run deps`). Each layer may
// import the ones below it and never one above (ARCHITECTURE.md, second edition):
//   kernel (clock, event queue, random, units, events, messages) <- data plane <- component machines <-
//   protection <- recovery <- commands <- simulation <- readers (view, inspect, report...) <- entry
// and nothing anywhere imports in a circle. The app and the worker see the engine only through its
// public entry and its read surface.
//
// Upper layers are handed narrow interfaces of the ones that compose them (recovery/host.ts,
// CommandHost in commands.ts), and lower layers tell upper ones what happened through typed domain
// events (DomainEvents in events.ts): nothing needs an import up a layer.

const engine = '^src/engine/';
const kernel = `${engine}(time/|messages/|random\\.ts$|units\\.ts$|events\\.ts$)`;
const data = `${engine}data/`;
const components = `${engine}components/`;
const protection = `${engine}protection/`;
const recovery = `${engine}recovery/`;
const commands = `${engine}commands\\.ts$`;
const simulation = `${engine}((simulation|topology)\\.ts$|simulation/)`;
const readers = `${engine}(view|inspect|recoveryView|settings|reader|text)\\.ts$|${engine}script/report\\.ts$`;
const entry = `${engine}index\\.ts$`;

/** A rule: `layer` imports nothing of `above`. */
const below = (name, layer, above, comment) => ({ name, severity: 'error', comment, from: { path: layer }, to: { path: above } });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules import each other in a circle: no layer can be read, tested or changed alone.',
      from: { path: '^(src|workers)/' },
      to: { circular: true }
    },
    below('kernel-is-the-bottom', kernel, `${data}|${components}|${protection}|${recovery}|${commands}|${simulation}|${readers}|${entry}`, 'The clock, queue, random numbers and units depend on nothing of the model.'),
    below('data-below-components', data, `${components}|${protection}|${recovery}|${commands}|${simulation}|${readers}|${entry}`, 'The data plane moves bytes; it knows no statechart, protection or recovery.'),
    below('components-below-protection', components, `${protection}|${recovery}|${commands}|${simulation}|${readers}|${entry}`, 'Component machines are statecharts of one component each.'),
    below('protection-below-recovery', protection, `${recovery}|${commands}|${simulation}|${readers}|${entry}`, 'Protection tells recovery what happened through domain events, never by calling into it.'),
    below('recovery-below-commands', recovery, `${commands}|${simulation}|${readers}|${entry}`, 'Recovery sees narrow interfaces, not the simulation that composes it.'),
    below('commands-below-simulation', commands, `${simulation}|${readers}|${entry}`, 'Commands act on the model; the simulation composes them.'),
    below('simulation-below-readers', simulation, `${readers}|${entry}`, 'The simulation composes the model; readers look at it from above.'),
    {
      name: 'engine-sees-no-host',
      severity: 'error',
      comment: 'The engine imports nothing of the app, the worker or the lessons.',
      from: { path: engine },
      to: { path: '^(src/app|workers|lessons)/' }
    },
    {
      name: 'outside-through-the-entry',
      severity: 'error',
      comment: 'The app and the worker reach the engine through its public entry and read surface only (types from anywhere are fine).',
      from: { path: '^(src/app|workers)/' },
      to: { path: engine, pathNot: `${entry}|${readers}`, dependencyTypesNot: ['type-only'] }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(test|spec)\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte'] }
  }
};
