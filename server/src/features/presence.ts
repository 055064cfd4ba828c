/** Who is editing: told to and heard from the other nodes, repeated while the server runs. */
import type { Fanout } from '../collab/fanout.js';
import type { EventHub } from '../events/hub.js';
import type { Logger } from '../logger.js';
import { Presence } from '../presence/presence.js';
import type { Feature } from './feature.js';

export function presenceFeature(fanout: Fanout, hub: EventHub, log: Logger): Feature<{ presence: Presence }> {
  const presence = new Presence({ fanout, hub, log });
  fanout.onControl((message, from) => presence.hear(message, from));
  return { service: { presence }, start: () => presence.start(), stop: () => presence.stop() };
}
