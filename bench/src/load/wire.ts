/**
 * The two collaboration dialects the load speaks without a Y.Doc: plain y-websocket (Copydesk,
 * the reference server, the relay) and Hocuspocus's, which prefixes every message with the
 * document name and wants an auth message before anything else.
 *
 * And the pre-encoded typing updates of a lightweight client: one character inserted right
 * after the client's own previous character, written in Yjs's update format v1 by hand so
 * that thousands of clients cost no Y.Doc each. A unit test checks the bytes against Yjs.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type Dialect = 'y-websocket' | 'hocuspocus';

const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;
/** The Y.Text every benchmark client types into. */
export const BENCH_TEXT = 'bench';
/** The article body's fragment (shared/src/doc.ts): provider clients type paragraphs into it. */
export const BODY = 'body';

export interface Framing {
  /** Frames a client sends as soon as the socket is open. */
  hello(): Uint8Array[];
  /** A sync-update frame carrying `update`. */
  update(update: Uint8Array): Uint8Array;
  /** The Yjs update in an incoming sync step 2 or update frame, else undefined. */
  incomingUpdate(frame: Uint8Array): Uint8Array | undefined;
}

function bytes(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export function framing(dialect: Dialect, room: string, token = ''): Framing {
  const prefix = (e: encoding.Encoder) => {
    if (dialect === 'hocuspocus') encoding.writeVarString(e, room);
  };
  return {
    hello() {
      const step1 = bytes((e) => {
        prefix(e);
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, STEP1);
        encoding.writeVarUint8Array(e, EMPTY_STATE_VECTOR);
      });
      if (dialect === 'y-websocket') return [step1];
      const auth = bytes((e) => {
        prefix(e);
        encoding.writeVarUint(e, HOCUSPOCUS_AUTH);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, token);
      });
      return [auth, step1];
    },
    update(update) {
      return bytes((e) => {
        prefix(e);
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, UPDATE);
        encoding.writeVarUint8Array(e, update);
      });
    },
    incomingUpdate(frame) {
      try {
        const d = decoding.createDecoder(frame);
        if (dialect === 'hocuspocus') decoding.readVarString(d);
        const type = decoding.readVarUint(d);
        if (type !== SYNC && !(dialect === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)) return undefined;
        const sub = decoding.readVarUint(d);
        if (sub !== STEP2 && sub !== UPDATE) return undefined;
        return decoding.readVarUint8Array(d);
      } catch {
        return undefined;
      }
    },
  };
}

const CONTENT_STRING = 4;
const HAS_ORIGIN = 0x80;

/**
 * The update by which client `client` inserts `char` as its clock-th character: at the start
 * of the text for clock 0, otherwise right after its own character clock-1. Valid against any
 * document that holds the client's earlier characters, whatever others typed meanwhile.
 */
export function typingUpdate(client: number, clock: number, char: string): Uint8Array {
  return bytes((e) => {
    encoding.writeVarUint(e, 1); // clients with structs
    encoding.writeVarUint(e, 1); // structs of this client
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    if (clock === 0) {
      encoding.writeUint8(e, CONTENT_STRING);
      encoding.writeVarUint(e, 1); // parent is a root type, named by key
      encoding.writeVarString(e, BENCH_TEXT);
    } else {
      encoding.writeUint8(e, CONTENT_STRING | HAS_ORIGIN);
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock - 1);
    }
    encoding.writeVarString(e, char);
    encoding.writeVarUint(e, 0); // empty delete set
  });
}

const LETTERS = 'etaoin shrdlu cmfwyp vbgkqj xz';

/** The character a typist types at `clock`: a letter or space, deterministic per client. */
export function charAt(client: number, clock: number): string {
  return LETTERS[(client + clock * 7) % LETTERS.length]!;
}
