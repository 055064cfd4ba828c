/**
 * The two kinds of load client. A provider client is what an editor runs: a Y.Doc with the
 * stock provider of the server under test (y-websocket's WebsocketProvider, or Hocuspocus's
 * own). A light client speaks the wire protocol with a plain socket and sends pre-encoded
 * typing updates, so one generator core can drive thousands of them.
 */
import { randomInt } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { SentLog, Tally, UpdateReceiver, observeDoc } from './latency.js';
import { BODY, charAt, framing, typingUpdate, type Dialect, type Framing } from './wire.js';

/** How to reach the server under test; produced by the orchestrator, sent to generators. */
export interface Target {
  dialect: Dialect;
  /** WebSocket base URL; y-websocket clients append `/<room>`. */
  wsUrl: string;
  /** Headers of the WebSocket upgrade (session cookie, Origin). */
  headers: Record<string, string>;
  /** Token for servers that authenticate in-band (Hocuspocus). */
  token: string;
  /** A relay holds no document: a client is in sync as soon as its socket is open. */
  stateless: boolean;
}

export interface LoadClient {
  readonly clientId: number;
  /** Characters typed so far (the client's Yjs clock). */
  readonly clock: number;
  ready(): Promise<void>;
  type(): void;
  close(): void;
}

/** A ws WebSocket class that adds upgrade headers and counts received bytes. */
export type SocketClass = new (url: string, protocols?: string | string[]) => WebSocket;

export function socketClass(headers: Record<string, string>, onBytes?: (n: number) => void): SocketClass {
  return class BenchSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false });
      if (onBytes) this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => onBytes(byteLength(data)));
    }
  };
}

function byteLength(data: Buffer | ArrayBuffer | Buffer[]): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.byteLength, 0);
  return data.byteLength;
}

const usedIds = new Set<number>();
function freshClientId(): number {
  for (;;) {
    const id = randomInt(1, 2 ** 32 - 1);
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}

const PREENCODED = 64;

export class LightClient implements LoadClient {
  readonly clientId = freshClientId();
  clock = 0;
  private readonly ws: WebSocket;
  private readonly frames: Framing;
  private readonly receiver: UpdateReceiver;
  private queue: Uint8Array[] = [];
  private readonly opened: Promise<void>;

  constructor(target: Target, room: string, private readonly log: SentLog, tally: Tally) {
    this.frames = framing(target.dialect, room, target.token);
    this.receiver = new UpdateReceiver(this.clientId, log, tally);
    const url = target.dialect === 'hocuspocus' ? target.wsUrl : `${target.wsUrl}/${encodeURIComponent(room)}`;
    this.ws = new WebSocket(url, { headers: target.headers, perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        for (const frame of this.frames.hello()) this.ws.send(frame);
        resolve();
      });
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    this.ws.on('message', (data: Buffer) => {
      const update = this.frames.incomingUpdate(data);
      if (update) this.receiver.receive(update);
    });
    this.ws.on('error', () => {});
  }

  ready(): Promise<void> {
    return this.opened;
  }

  type(): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.queue.length === 0) this.preencode();
    this.log.note(this.clientId, this.clock);
    this.ws.send(this.queue.shift()!);
    this.clock++;
  }

  /** Encodes the next few keystrokes ahead of time, off the sending path. */
  private preencode(): void {
    const next: Uint8Array[] = [];
    for (let c = this.clock; c < this.clock + PREENCODED; c++) {
      next.push(this.frames.update(typingUpdate(this.clientId, c, charAt(this.clientId, c))));
    }
    this.queue = next;
  }

  close(): void {
    this.ws.terminate();
  }
}

/**
 * An editor with a real Y.Doc and the server's stock provider. It types into the article body
 * as the editor lays it out (a paragraph of its own in the `body` fragment), so a server that
 * derives anything from the body (Copydesk's word count and its saves) does that work too.
 */
export class ProviderClient implements LoadClient {
  readonly doc = new Y.Doc();
  private paragraph: Y.XmlText | undefined;
  private readonly provider: WebsocketProvider | HocuspocusProvider;
  private readonly socket: HocuspocusProviderWebsocket | undefined;
  private readonly synced: Promise<void>;
  private cursor: Y.RelativePosition | undefined;

  constructor(target: Target, room: string, private readonly log: SentLog, tally: Tally, onBytes?: (n: number) => void) {
    this.doc.clientID = freshClientId();
    const Socket = socketClass(target.headers, onBytes);
    let resolveSynced!: () => void;
    this.synced = new Promise((r) => (resolveSynced = r));
    if (target.dialect === 'hocuspocus') {
      // One socket per editor, as in a browser tab (Hocuspocus can multiplex; editors don't).
      this.socket = new HocuspocusProviderWebsocket({ url: target.wsUrl, WebSocketPolyfill: Socket });
      this.provider = new HocuspocusProvider({
        websocketProvider: this.socket,
        name: room,
        document: this.doc,
        token: target.token,
        onSynced: () => resolveSynced(),
      });
      this.provider.attach();
    } else {
      this.socket = undefined;
      const provider = new WebsocketProvider(target.wsUrl, room, this.doc, {
        WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        maxBackoffTime: 1000,
      });
      if (target.stateless) {
        provider.on('status', ({ status }) => {
          if (status === 'connected') resolveSynced();
        });
      } else {
        provider.on('sync', (isSynced: boolean) => {
          if (isSynced) resolveSynced();
        });
      }
      this.provider = provider;
    }
    observeDoc(this.doc, log, tally);
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  get clock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  ready(): Promise<void> {
    return this.synced;
  }

  /**
   * Types one character at this editor's caret, which follows its own typing. The first
   * keystroke also adds the editor's paragraph (one update: it arrives as one edit).
   */
  type(): void {
    const clock = this.clock;
    this.log.note(this.clientId, clock);
    this.doc.transact(() => {
      const text = this.ownParagraph();
      const at = this.cursor ? Y.createAbsolutePositionFromRelativePosition(this.cursor, this.doc)?.index : undefined;
      const index = at ?? text.length;
      text.insert(index, charAt(this.clientId, clock));
      this.cursor = Y.createRelativePositionFromTypeIndex(text, index + 1);
    });
  }

  private ownParagraph(): Y.XmlText {
    if (!this.paragraph) {
      const element = new Y.XmlElement('paragraph');
      this.paragraph = new Y.XmlText();
      element.insert(0, [this.paragraph]);
      this.doc.getXmlFragment(BODY).push([element]);
    }
    return this.paragraph;
  }

  close(): void {
    this.provider.destroy();
    this.socket?.destroy();
    this.doc.destroy();
  }
}
