/**
 * "Saving…" or "All changes saved", told truthfully. The server commits every update before it
 * relays it (persist-before-broadcast); a client that connects with `?saved=1` is also told, after
 * each commit, how many of the update-bearing messages it sent on that socket are now stored
 * (or needed no storing: a repeat). The client counts the same messages as it sends them, so
 * "sent minus saved" is the number of its own changes the server has not confirmed.
 *
 * The counting is per socket: a new socket starts at zero on both sides, and whatever the old
 * one had not confirmed is in the client's next sync step 2, which the new socket counts.
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

interface SendingSocket {
  send(data: never): void;
}

/** What SaveReceipts needs of a y-websocket provider. */
export interface ReceiptProvider {
  ws: unknown;
  messageHandlers: unknown[];
}

// y-websocket's handler signature: (encoder, decoder, provider, emitSynced, messageType).
type Handler = (encoder: unknown, decoder: decoding.Decoder, provider: ReceiptProvider) => void;

export class SaveReceipts {
  private socket: object | undefined;
  private sent = 0;
  private saved = 0;

  constructor(private readonly onChange: (unsaved: number) => void = () => {}) {}

  /** Changes sent on the current socket that the server has not confirmed as stored. */
  get unsaved(): number {
    return this.sent - this.saved;
  }

  /**
   * A subclass of `Base` (the browser's WebSocket, or ws in Node) for the provider's
   * WebSocketPolyfill option: it counts the update frames sent on the newest socket.
   */
  // A mixin: TypeScript requires its constructor to take `any[]`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  socketClass<T extends abstract new (...args: any[]) => SendingSocket>(Base: T): T {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the subclass reports to this tracker
    const receipts = this;
    abstract class Counting extends Base {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      constructor(...args: any[]) {
        super(...args);
        receipts.opened(this);
      }
      override send(data: never): void {
        if (isUpdateFrame(data)) receipts.sentOn(this);
        super.send(data);
      }
    }
    return Counting;
  }

  /** Handles the server's receipts on `provider` (whose sockets come from socketClass). */
  listen(provider: ReceiptProvider): void {
    const handler: Handler = (_encoder, decoder, p) => this.savedOn(p.ws as object, decoding.readVarUint(decoder));
    provider.messageHandlers[MessageType.saved] = handler;
  }

  private opened(socket: object): void {
    this.socket = socket;
    this.set(0, 0);
  }

  private sentOn(socket: object): void {
    if (socket === this.socket) this.set(this.sent + 1, this.saved);
  }

  private savedOn(socket: object, count: number): void {
    if (socket === this.socket && count > this.saved && count <= this.sent) this.set(this.sent, count);
  }

  private set(sent: number, saved: number): void {
    const before = this.unsaved;
    this.sent = sent;
    this.saved = saved;
    if (this.unsaved !== before) this.onChange(this.unsaved);
  }
}
