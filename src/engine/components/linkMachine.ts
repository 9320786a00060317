// A network link: up, degraded (throttled to a share of its bandwidth) or down.

import { assign, setup } from 'xstate';

export type LinkEvent =
  | { type: 'link.down' }
  | { type: 'link.degrade'; percent: number }
  | { type: 'link.restore' };

export const linkMachine = setup({
  types: {
    context: {} as { bandwidthPercent: number },
    events: {} as LinkEvent
  },
  actions: {
    rememberPercent: assign({ bandwidthPercent: ({ event }) => (event.type === 'link.degrade' ? event.percent : 100) }),
    fullBandwidth: assign({ bandwidthPercent: 100 })
  }
}).createMachine({
  id: 'link',
  initial: 'up',
  context: { bandwidthPercent: 100 },
  states: {
    up: {
      on: { 'link.down': 'down', 'link.degrade': { target: 'degraded', actions: 'rememberPercent' } }
    },
    degraded: {
      on: {
        'link.down': 'down',
        'link.degrade': { actions: 'rememberPercent' },
        'link.restore': { target: 'up', actions: 'fullBandwidth' }
      }
    },
    down: {
      on: {
        'link.restore': { target: 'up', actions: 'fullBandwidth' },
        'link.degrade': { target: 'degraded', actions: 'rememberPercent' }
      }
    }
  }
});
