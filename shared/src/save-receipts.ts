/**
 * "Saving…" or "All changes saved", told truthfully. The server commits every update before it
 * relays it (persist-before-broadcast); a client that connects with `?saved=1` is also told, after
 * each commit, how many of the update-bearing messages it sent on that socket are now stored
 * (or needed no storing: a repeat). The client counts the same messages as it sends them, so
 * "sent minus saved" is the number of its own changes the server has not confirmed.
 *
 * The counting is per socket: a new socket starts at zero on both sides, and whatever the old
 * one had not confirmed is in the client's next sync step 2, which the new socket counts.
 *
 * The server refuses the updates of a read-only connection with y-websocket's "permission
 * denied" (its reason): those changes are not saved, and the editor says so rather than
 * "Saving…" for ever. (When it may edit again the server closes the socket to resync.)
 */
import * as decoding from 'lib0/decoding';
import { MessageType, SyncType } from './wire.js';

/** Query parameters that ask the server for save receipts. */
export const SAVE_RECEIPTS_PARAMS: Readonly<Record<string, string>> = { saved: '1' };

/** Whether a frame a client sends carries an update (sync step 2 or update): what the server counts. */
export function isUpdateFrame(data: unknown): boolean {
  let bytes: Uint8Array | undefined;
  if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  if (!bytes || bytes.length < 2) return false;
  return bytes[0] === MessageType.sync && (bytes[1] === SyncType.step2 || bytes[1] === SyncType.update);
}

/** The WebSocket constructor y-websocket calls (the browser's, or a Node one such as ws's). */
type SocketClass = new (url: string | URL, protocols?: string | string[]) => { send(data: never): void };

/** What SaveReceipts needs of a y-websocket provider. */
export interface ReceiptProvider {
  ws: unknown;
  messageHandlers: unknown[];
}

// y-websocket's handler signature: (encoder, decoder, provider, emitSynced, messageType).
type Handler = (encoder: unknown, decoder: decoding.Decoder, provider: ReceiptProvider, ...rest: unknown[]) => void;

/** y-protocols/auth: the one auth message there is. */
const PERMISSION_DENIED = 0;

export interface SaveState {
  /** Changes sent on the current socket that the server has not confirmed as stored. */
  unsaved: number;
  /** Why the server refused changes sent on the current socket (they are not saved). */
  refused: string | undefined;
}

export class SaveReceipts {
  private socket: object | undefined;
  private sent = 0;
  private saved = 0;
  private refusal: string | undefined;

  constructor(private readonly onChange: (state: SaveState) => void = () => {}) {}

  /** Changes sent on the current socket that the server has not confirmed as stored. */
  get unsaved(): number {
    return this.sent - this.saved;
  }

  get state(): SaveState {
    return { unsaved: this.unsaved, refused: this.refusal };
  }

  /**
   * A subclass of `Base` (the browser's WebSocket, or ws in Node) for the provider's
   * WebSocketPolyfill option: it counts the update frames sent on the newest socket.
   */
  socketClass<T extends SocketClass>(Base: T): T {
    const opened = (socket: object) => this.opened(socket);
    const sentOn = (socket: object) => this.sentOn(socket);
    const Plain: SocketClass = Base;
    class Counting extends Plain {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        opened(this);
      }
      override send(data: never): void {
        if (isUpdateFrame(data)) sentOn(this);
        super.send(data);
      }
    }
    return Counting as T;
  }

  /** Handles the server's receipts and refusals on `provider` (whose sockets come from socketClass). */
  listen(provider: ReceiptProvider): void {
    const saved: Handler = (_encoder, decoder, p) => this.savedOn(p.ws as object, decoding.readVarUint(decoder));
    provider.messageHandlers[MessageType.saved] = saved;
    const auth = provider.messageHandlers[MessageType.auth] as Handler | undefined;
    const refused: Handler = (encoder, decoder, p, ...rest) => {
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === PERMISSION_DENIED) this.refusedOn(p.ws as object, decoding.readVarString(peek));
      auth?.(encoder, decoder, p, ...rest);
    };
    provider.messageHandlers[MessageType.auth] = refused;
  }

  private opened(socket: object): void {
    this.socket = socket;
    this.set(0, 0, undefined);
  }

  private sentOn(socket: object): void {
    if (socket === this.socket) this.set(this.sent + 1, this.saved, this.refusal);
  }

  private savedOn(socket: object, count: number): void {
    if (socket === this.socket && count > this.saved && count <= this.sent) this.set(this.sent, count, this.refusal);
  }

  private refusedOn(socket: object, reason: string): void {
    if (socket === this.socket) this.set(this.sent, this.saved, reason || 'The server refused the change.');
  }

  private set(sent: number, saved: number, refusal: string | undefined): void {
    const before = this.state;
    this.sent = sent;
    this.saved = saved;
    this.refusal = refusal;
    if (this.unsaved !== before.unsaved || refusal !== before.refused) this.onChange(this.state);
  }
}
