/**
 * The newsroom across nodes: workflow state and revocations reach sockets on every node, desk
 * events cross nodes, and a burst of publishes across nodes makes one revision and one
 * successful delivery per event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode, MessageType, bodyOf } from '@copydesk/shared';
import { api, connectClient, createArticle, login, synced, waitFor, type Actor, type ServerProcess, type TestClient } from '../helpers.js';
import { startReceiver, type Receiver } from '../receiver.js';
import { clusterUnavailable, startCluster, type Cluster } from './cluster.js';

const unavailable = await clusterUnavailable();
if (unavailable) console.warn(`Multi-node newsroom tests did not run (${unavailable}).`);

let cluster: Cluster | undefined;
let receiver: Receiver | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await cluster?.stop();
  await receiver?.close();
  cluster = undefined;
  receiver = undefined;
});

async function person(node: ServerProcess, role: 'writer' | 'editor', name: string): Promise<Actor> {
  const email = `${name.toLowerCase()}@copydesk.test`;
  const res = await api(node, node.admin, 'POST', '/api/users', { email, name, role, password: 'long enough password' });
  expect(res.status).toBe(201);
  return login(node, email, 'long enough password');
}

function write(c: TestClient, text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  bodyOf(c.doc).push([p]);
}

const move = (node: ServerProcess, actor: Actor, id: string, action: string, extra: object = {}) =>
  api(node, actor, 'POST', `/api/articles/${id}/transitions`, { action, ...extra });

describe.runIf(!unavailable)('the newsroom on several nodes', () => {
  it('a submit on one node locks the writer’s socket on another; revocation closes sockets everywhere', async () => {
    cluster = await startCluster(2);
    const [a, b] = cluster.nodes as [ServerProcess, ServerProcess];
    const writer = await person(a, 'writer', 'Wanda');
    const editor = await person(a, 'editor', 'Ed');
    const id = await createArticle(a, 'Across nodes', writer);
    const w = connectClient(b, id, writer);
    const e = connectClient(a, id, editor);
    clients.push(w, e);
    await Promise.all([synced(w), synced(e)]);
    write(w, 'Before submit.');
    await waitFor(() => bodyOf(e.doc).toString().includes('Before submit.'));

    let denied = false;
    w.provider.ws!.addEventListener('message', (event: MessageEvent) => {
      if (new Uint8Array(event.data as ArrayBuffer)[0] === MessageType.auth) denied = true;
    });
    expect((await move(a, writer, id, 'submit')).status).toBe(200);
    // Node B hears of it through Redis: probe until it refuses the writer's edits...
    await waitFor(() => {
      if (!denied) write(w, 'probe');
      return denied;
    }, { interval: 100, message: 'node B never turned the writer read-only' });
    // ...and from then on nothing the writer sends reaches node A.
    write(w, 'After submit.');
    w.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => e.provider.awareness.getStates().get(w.doc.clientID)?.marker === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(bodyOf(e.doc).toString()).not.toContain('After submit.');

    // Changes requested on node A: node B lets the writer in again (a resync reconnect).
    expect((await move(a, editor, id, 'request_changes', { note: 'More.' })).status).toBe(200);
    await waitFor(() => w.closes.some((c) => c.code === CloseCode.resync));
    await waitFor(() => bodyOf(e.doc).toString().includes('After submit.'));

    // The writer signs out on node A; its socket on node B closes.
    expect((await api(a, writer, 'POST', '/api/auth/logout')).status).toBe(200);
    await waitFor(() => w.closes.some((c) => c.code === CloseCode.unauthorized));
  });

  it('a client cannot take over the presence of someone connected to another node', async () => {
    cluster = await startCluster(2);
    const [a, b] = cluster.nodes as [ServerProcess, ServerProcess];
    const wanda = await person(a, 'editor', 'Wanda');
    const mallory = await person(a, 'editor', 'Mallory');
    const id = await createArticle(a, 'Whose cursor');
    const w = connectClient(a, id, wanda);
    const observer = connectClient(a, id);
    const m = connectClient(b, id, mallory);
    clients.push(w, observer, m);
    await Promise.all([synced(w), synced(observer), synced(m)]);
    w.provider.awareness.setLocalStateField('cursor', { anchor: 3 });
    const wandaSeen = (c: TestClient) => c.provider.awareness.getStates().get(w.doc.clientID) as { user?: { name: string }; cursor?: { anchor: number } } | undefined;
    await waitFor(() => wandaSeen(observer)?.cursor?.anchor === 3 && wandaSeen(m)?.cursor?.anchor === 3);

    // Mallory's client sends a state under Wanda's client id, newer than hers, through node B.
    const forged = encoding.createEncoder();
    encoding.writeVarUint(forged, MessageType.awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, w.doc.clientID);
    encoding.writeVarUint(inner, 10_000);
    encoding.writeVarString(inner, JSON.stringify({ cursor: { anchor: 99 } }));
    encoding.writeVarUint8Array(forged, encoding.toUint8Array(inner));
    m.provider.ws!.send(encoding.toUint8Array(forged));
    // Mallory's own next change, sent after the forgery on the same socket, reaches node A...
    m.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => observer.provider.awareness.getStates().get(m.doc.clientID)?.marker === 1);
    // ...and Wanda's cursor is still hers, on both nodes.
    for (const c of [observer, m]) expect(wandaSeen(c)).toMatchObject({ user: { name: 'Wanda' }, cursor: { anchor: 3 } });
  });

  it('a burst of publishes across nodes makes one revision and one successful delivery', async () => {
    cluster = await startCluster(3, { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '0,1,1' });
    const nodes = cluster.nodes as [ServerProcess, ServerProcess, ServerProcess];
    const [a] = nodes;
    receiver = await startReceiver();
    const hook = await api(a, a.admin, 'POST', '/api/webhooks', { url: receiver.url, events: ['article.published', 'article.updated'] });
    expect(hook.status).toBe(201);
    const editor = await person(a, 'editor', 'Eve');
    const id = await createArticle(a, 'Election result', editor);
    const c = connectClient(a, id, editor);
    clients.push(c);
    await synced(c);
    write(c, 'The count is in.');
    await waitFor(async () => ((await (await api(a, editor, 'GET', `/api/articles/${id}`)).json()) as { article: { wordCount: number } }).article.wordCount === 4);
    await move(a, editor, id, 'submit');
    await move(a, editor, id, 'approve');

    const publishes = await Promise.all(nodes.flatMap((n) => [move(n, editor, id, 'publish'), move(n, editor, id, 'publish')]));
    expect(publishes.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const updates = await Promise.all(nodes.map((n) => move(n, editor, id, 'update')));
    expect(updates.map((r) => r.status)).toEqual([200, 200, 200]);

    const revs = (await (await api(a, editor, 'GET', `/api/articles/${id}/revisions`)).json()) as { revisions: unknown[] };
    expect(revs.revisions).toHaveLength(1);
    await waitFor(() => receiver!.received.length >= 1);
    // Every node's worker polls the outbox; give them time to (wrongly) send it again.
    await new Promise((r) => setTimeout(r, 2500));
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'article.published' });
  });

  it('desk events made on one node reach event streams on another', async () => {
    cluster = await startCluster(2);
    const [a, b] = cluster.nodes as [ServerProcess, ServerProcess];
    const editor = await person(a, 'editor', 'Dee');
    const seen: string[] = [];
    const controller = new AbortController();
    const res = await fetch(`${b.url}/api/events`, { headers: { cookie: editor.cookie }, signal: controller.signal });
    const reader = res.body!.getReader();
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          seen.push(decoder.decode(value));
        }
      } catch {
        // aborted
      }
    })();
    await waitFor(() => seen.join('').includes('event: ready'));
    const id = await createArticle(a, 'Made on node A', editor);
    await waitFor(() => seen.join('').includes(id));
    controller.abort();
  });
});
