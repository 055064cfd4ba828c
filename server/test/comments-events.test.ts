import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, type CommentThread } from '@copydesk/shared';
import { api, connectClient, createArticle, createPerson, startTestServer, synced, waitFor, type Actor, type TestClient, type TestServer } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.dispose();
});

function firstText(doc: Y.Doc): Y.XmlText {
  return (bodyOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function anchoredText(doc: Y.Doc, anchor: { from: string; to: string }): string {
  const from = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(anchor.from, 'base64')), doc)!;
  const to = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(anchor.to, 'base64')), doc)!;
  return (from.type as Y.XmlText).toString().slice(from.index, to.index);
}

describe('comments', () => {
  it('stay anchored on their words while two people edit around them', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Budget', writer);
    const a = connectClient(server, id, writer);
    const b = connectClient(server, id, editor);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('The mayor said the budget is balanced.')]);
    bodyOf(a.doc).insert(0, [p]);
    await waitFor(() => bodyOf(b.doc).length === 1);

    const t = firstText(b.doc);
    const start = t.toString().indexOf('budget');
    const anchor = {
      from: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(t, start))),
      to: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(t, start + 'budget'.length, -1))),
    };
    const created = await api(server, editor, 'POST', `/api/articles/${id}/comments`, { body: 'Which budget year?', anchor, quote: 'budget' });
    expect(created.status).toBe(200);

    // Concurrent edits before, inside the sentence around, and after the anchored word.
    firstText(a.doc).insert(0, 'Breaking: ');
    firstText(b.doc).insert(firstText(b.doc).toString().indexOf('budget'), 'city ');
    firstText(a.doc).insert(firstText(a.doc).length, ' Critics disagree.');
    await waitFor(() => firstText(a.doc).toString() === firstText(b.doc).toString() && firstText(a.doc).toString().includes('Critics'));
    expect(firstText(a.doc).toString()).toBe('Breaking: The mayor said the city budget is balanced. Critics disagree.');

    const { threads } = (await (await api(server, writer, 'GET', `/api/articles/${id}/comments`)).json()) as { threads: CommentThread[] };
    expect(threads).toHaveLength(1);
    expect(anchoredText(a.doc, threads[0]!.anchor!)).toBe('budget');
    expect(anchoredText(b.doc, threads[0]!.anchor!)).toBe('budget');
  });

  it('lets a writer comment and reply on an article it can no longer edit; editors resolve and reopen', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer', 'Wren Writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Locked', writer);
    await api(server, writer, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' });
    const anchor = { from: 'AAAA', to: 'AAAA' };
    const c1 = await api(server, writer, 'POST', `/api/articles/${id}/comments`, { body: 'Please check the quote.', anchor, quote: 'quote' });
    expect(c1.status).toBe(200);
    const threadId = ((await c1.json()) as { threads: CommentThread[] }).threads[0]!.id;
    await api(server, editor, 'POST', `/api/articles/${id}/comments/${threadId}/replies`, { body: 'Checked, it stands.' });
    const resolved = await api(server, editor, 'PATCH', `/api/articles/${id}/comments/${threadId}`, { resolved: true });
    const thread = ((await resolved.json()) as { threads: CommentThread[] }).threads[0]!;
    expect(thread.resolved).toBe(true);
    expect(thread.comments.map((c) => [c.author?.name, c.body])).toEqual([
      ['Wren Writer', 'Please check the quote.'],
      [editor.user.name, 'Checked, it stands.'],
    ]);
    const card = (await (await api(server, editor, 'GET', `/api/articles/${id}`)).json()) as { article: { openComments: number } };
    expect(card.article.openComments).toBe(0);
    await api(server, writer, 'PATCH', `/api/articles/${id}/comments/${threadId}`, { resolved: false });
    const again = (await (await api(server, editor, 'GET', `/api/articles/${id}`)).json()) as { article: { openComments: number } };
    expect(again.article.openComments).toBe(1);

    const bad = await api(server, writer, 'POST', `/api/articles/${id}/comments`, { body: '<b>x</b>', anchor: { from: 'not base64!', to: 'AAAA' }, quote: '' });
    expect(bad.status).toBe(400);
  });
});

/** Reads Server-Sent Events from /api/events as `actor` until stopped. */
function listen(actor: Actor) {
  const events: { event: string; data: { article?: { id: string; status: string; lastChange?: { action: string } | null }; id?: string; editing?: unknown[] } }[] = [];
  const controller = new AbortController();
  const ready = (async () => {
    const res = await fetch(`${server.url}/api/events`, { headers: { cookie: actor.cookie }, signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let i;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const event = /^event: (.*)$/m.exec(chunk)?.[1];
            const data = /^data: (.*)$/m.exec(chunk)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) });
          }
        }
      } catch {
        // aborted
      }
    })();
  })();
  return { events, ready, stop: () => controller.abort() };
}

describe('live desk events', () => {
  it('tells editors about every change and writers only about their own articles', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const other = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const ed = listen(editor);
    const wr = listen(other);
    await Promise.all([ed.ready, wr.ready]);
    await waitFor(() => ed.events.some((e) => e.event === 'ready') && wr.events.some((e) => e.event === 'ready'));

    const id = await createArticle(server, 'Fresh story', writer);
    await waitFor(() => ed.events.some((e) => e.event === 'article' && e.data.article?.id === id));
    await api(server, writer, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' });
    await waitFor(() => ed.events.some((e) => e.event === 'article' && e.data.article?.status === 'in_review'));

    const c = connectClient(server, id, writer);
    clients.push(c);
    await synced(c);
    await waitFor(() => ed.events.some((e) => e.event === 'presence' && (e.data.editing?.length ?? 0) === 1));

    await api(server, editor, 'PATCH', `/api/articles/${id}`, { assignees: [other.user.id] });
    await waitFor(() => wr.events.some((e) => e.event === 'article' && e.data.article?.id === id));
    await api(server, editor, 'PATCH', `/api/articles/${id}`, { assignees: [] });
    await waitFor(() => wr.events.some((e) => e.event === 'article-removed' && e.data.id === id));

    // A note on the review reaches open editors at once, as the article's last change.
    expect((await api(server, writer, 'POST', `/api/articles/${id}/notes`, { note: 'Added the vote count.' })).status).toBe(201);
    await waitFor(() => ed.events.some((e) => e.event === 'article' && e.data.article?.id === id && e.data.article.lastChange?.action === 'reply'));
    ed.stop();
    wr.stop();
  });
});
