/** Live desk events: the hub, relayed to and heard from the other nodes. */
import type { Fanout } from '../collab/fanout.js';
import { EventHub } from '../events/hub.js';
import type { Feature } from './feature.js';

export function eventsFeature(fanout: Fanout): Feature<{ hub: EventHub }> {
  const hub = new EventHub((event) => fanout.publishControl({ type: 'desk', event }));
  fanout.onControl((message) => hub.hear(message));
  return { service: { hub } };
}
