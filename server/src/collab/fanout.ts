/**
 * Cross-node fan-out of what a node accepted, so that any node can serve any article. This
 * module holds the contract and the wire envelope; `redis-fanout.ts` implements it over Redis
 * pub/sub, and `localFanout` is the single-node stand-in (REDIS_URL unset).
 *
 * A message is published only after the node committed it (updates) or applied it
 * (awareness); fan-out is at most once, so a receiver that may have missed messages gets a
 * `resync` and reads the article back from the database, which holds every published update.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PersonRef } from '@copydesk/shared';

/** What travels between nodes, per article. New kinds get a new number; old nodes ignore them. */
export type FanoutMessage =
  /** A Yjs update the sender committed as log row `seq`. */
  | { kind: 'update'; seq: number; update: Uint8Array }
  /** An awareness update (y-protocols encoding) from the sender's clients. */
  | { kind: 'awareness'; update: Uint8Array }
  /** The receiver may have missed updates: read the article back from the database. */
  | { kind: 'resync' };

export interface FanoutSubscription {
  /**
   * Resolves once everything published from now on will arrive. When Redis is unreachable it
   * resolves at once and a `resync` is delivered after the connection is back.
   */
  readonly ready: Promise<void>;
  /** Delivers what was buffered since subscribing, then every later message, to `receiver`. */
  attach(receiver: (message: FanoutMessage) => void): void;
  close(): void;
}

/**
 * Node-wide messages beyond one article's document: they travel on one control channel as
 * JSON. Each has one owner that tells and hears it: `cluster.ts` access and revocations,
 * `events/hub.ts` desk events, `presence/presence.ts` who is editing.
 */
export type ControlMessage =
  /** An article's state or assignees changed: re-check who may edit or open it. */
  | { type: 'access'; articleId: string; userId?: string }
  /** These sessions ended: close their sockets and event streams. */
  | { type: 'revoke'; sessionIds: string[] }
  /** A desk event (article changed or removed, comments changed) for this node's subscribers. */
  | { type: 'desk'; event: unknown }
  /** Who has the article open on the sending node. */
  | { type: 'presence'; articleId: string; editing: PersonRef[] };

export interface Fanout {
  readonly nodeId: string;
  /** Tells every other node. Never throws; a message lost in an outage is not repeated. */
  publishControl(message: ControlMessage): void;
  /** Hears what other nodes tell (never this node's own messages). */
  onControl(listener: (message: ControlMessage, from: string) => void): void;
  /** Whether other nodes may be serving the same articles. */
  readonly linked: boolean;
  /** Starts listening to an article's channel; messages are buffered until `attach`. */
  subscribe(articleId: string): FanoutSubscription;
  /** Publishes to every other node serving the article. Never throws; failures are handled inside. */
  publish(articleId: string, message: FanoutMessage): void;
  close(): Promise<void>;
}

const noSubscription: FanoutSubscription = {
  ready: Promise.resolve(),
  attach: () => undefined,
  close: () => undefined,
};

/** One node alone: nothing to tell, nothing to hear. */
export const localFanout: Fanout = {
  nodeId: 'local',
  linked: false,
  publishControl: () => undefined,
  onControl: () => undefined,
  subscribe: () => noSubscription,
  publish: () => undefined,
  close: () => Promise.resolve(),
};

const ENVELOPE_VERSION = 1;
const Kind = { update: 0, awareness: 1, resync: 2 } as const;

export interface Envelope {
  from: string;
  message: FanoutMessage;
}

/** [version][kind][sender node id][payload], lib0 encoding: binary-safe and compact. */
export function encodeEnvelope(from: string, message: FanoutMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeUint8(e, ENVELOPE_VERSION);
  encoding.writeVarUint(e, Kind[message.kind]);
  encoding.writeVarString(e, from);
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(e, message.seq);
      encoding.writeVarUint8Array(e, message.update);
      break;
    case 'awareness':
      encoding.writeVarUint8Array(e, message.update);
      break;
    case 'resync':
      break;
  }
  return encoding.toUint8Array(e);
}

/**
 * Decodes an envelope; undefined for anything this version does not understand (a newer
 * node's message kind during a rolling deploy, or garbage on the channel).
 */
export function decodeEnvelope(bytes: Uint8Array): Envelope | undefined {
  // A copy of exactly these bytes: lib0 reads views relative to the underlying buffer, and the
  // driver's Buffers may be slices of a larger pooled one.
  const d = decoding.createDecoder(new Uint8Array(bytes));
  try {
    if (decoding.readUint8(d) !== ENVELOPE_VERSION) return undefined;
    const kind = decoding.readVarUint(d);
    const from = decoding.readVarString(d);
    switch (kind) {
      case Kind.update: {
        const seq = decoding.readVarUint(d);
        return { from, message: { kind: 'update', seq, update: decoding.readVarUint8Array(d) } };
      }
      case Kind.awareness:
        return { from, message: { kind: 'awareness', update: decoding.readVarUint8Array(d) } };
      case Kind.resync:
        return { from, message: { kind: 'resync' } };
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
