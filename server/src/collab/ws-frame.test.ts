import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, directSocket, SharedMessage } from './ws-frame.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }
});

async function pair(perMessageDeflate = false): Promise<{ server: WebSocket; client: WebSocket; received: Buffer[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate });
  servers.push(wss);
  await once(wss, 'listening');
  const accepted = once(wss, 'connection');
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { perMessageDeflate });
  const received: Buffer[] = [];
  client.on('message', (data: Buffer) => received.push(data));
  await once(client, 'open');
  const [server] = (await accepted) as [WebSocket];
  return { server, client, received };
}

describe('frames built once for many sockets', () => {
  it('frames payloads of every length class as a ws client reads them', async () => {
    const { server, client, received } = await pair();
    const sizes = [0, 1, 125, 126, 65535, 65536, 70_000];
    const payloads = sizes.map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) % 251));
    for (const p of payloads) directSocket(server)!.write(binaryFrame(p));
    await expect.poll(() => received.length).toBe(sizes.length);
    expect(received.map((d) => new Uint8Array(d))).toEqual(payloads);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });

  it('writes the same frame to several real sockets', async () => {
    const a = await pair();
    const b = await pair();
    const message = new SharedMessage(Uint8Array.of(0, 2, 3, 9, 9, 9));
    for (const p of [a, b]) {
      const socket = directSocket(p.server);
      expect(socket).toBeDefined();
      socket!.write(message.wire());
      p.server.send(Uint8Array.of(7));
    }
    for (const p of [a, b]) {
      await expect.poll(() => p.received.length).toBe(2);
      expect(p.received.map((d) => [...d])).toEqual([[0, 2, 3, 9, 9, 9], [7]]);
    }
  });

  it('leaves a socket with compression to ws', async () => {
    const { server } = await pair(true);
    expect(directSocket(server)).toBeUndefined();
  });
});
