/**
 * The publishing edges a newsroom feels: a schedule that cannot go out is refused, or fails
 * loudly (recorded, shown, not retried in a loop, retried once fixed); a live story edited
 * shows "Unpublished changes" and what they are; unpublishing needs a reason; writers answer
 * change requests on the review's thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, headlineOf, type ArticleSummary, type ReviewNote } from '@copydesk/shared';
import { api, connectClient, createArticle, createPerson, paragraph, startTestServer, synced, waitFor, type Actor, type TestClient, type TestServer } from './helpers.js';
import { startReceiver, type Receiver } from './receiver.js';

let server: TestServer;
let receiver: Receiver | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await receiver?.close();
  receiver = undefined;
  await server?.dispose();
});

async function view(actor: Actor, id: string) {
  const res = await api(server, actor, 'GET', `/api/articles/${id}`);
  return (await res.json()) as { article: ArticleSummary; reviewNotes: ReviewNote[] };
}

async function move(actor: Actor, id: string, action: string, extra: Record<string, unknown> = {}) {
  const res = await api(server, actor, 'POST', `/api/articles/${id}/transitions`, { action, ...extra });
  return { status: res.status, body: (await res.json()) as { article?: ArticleSummary; error?: { code: string; message: string } } };
}

/** Opens the article as `actor`'s browser would and writes its body. */
async function open(id: string, actor: Actor, paragraphs: string[]): Promise<TestClient> {
  const c = connectClient(server, id, actor);
  clients.push(c);
  await synced(c);
  if (paragraphs.length > 0) bodyOf(c.doc).insert(0, paragraphs.map(paragraph));
  const words = paragraphs.join(' ').split(/\s+/).filter(Boolean).length;
  await waitFor(async () => (await view(actor, id)).article.wordCount === words);
  return c;
}

async function approved(editor: Actor, headline: string, paragraphs: string[]) {
  const id = await createArticle(server, headline, editor);
  const c = await open(id, editor, paragraphs);
  expect((await move(editor, id, 'submit')).status).toBe(200);
  expect((await move(editor, id, 'approve')).status).toBe(200);
  return { id, c };
}

function setHeadline(c: TestClient, text: string): void {
  const h = headlineOf(c.doc);
  c.doc.transact(() => {
    h.delete(0, h.length);
    h.insert(0, text);
  });
}

describe('schedules', () => {
  it('refuses to schedule what could not be published, with the same reasons as publishing', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const { id } = await approved(editor, 'Council votes', []);
    const later = new Date(Date.now() + 3600_000).toISOString();
    const noBody = await move(editor, id, 'schedule', { publishAt: later });
    expect(noBody).toMatchObject({ status: 400, body: { error: { code: 'body_required' } } });
    expect((await move(editor, id, 'publish')).body.error?.code).toBe('body_required');

    const untitled = await approved(editor, '', ['Text without a headline.']);
    expect((await move(editor, untitled.id, 'schedule', { publishAt: later })).body.error?.code).toBe('headline_required');
    expect((await view(editor, untitled.id)).article.status).toBe('approved');
  });

  it('records a due publication that fails, shows it, does not retry it in a loop, and retries once the article is fixed', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const { id, c } = await approved(editor, 'Night buses return', ['Routes resume on Monday.']);
    const at = new Date(Date.now() + 1500).toISOString();
    expect((await move(editor, id, 'schedule', { publishAt: at })).status).toBe(200);
    expect((await view(editor, id)).article.scheduleFailure).toBeNull();

    // Someone deletes the headline before the time comes.
    setHeadline(c, '');
    const failed = await waitFor(async () => (await view(editor, id)).article.scheduleFailure, { timeout: 15_000 });
    expect(failed?.reason).toBe('Write a headline before publishing.');
    expect((await view(editor, id)).article.status).toBe('scheduled');

    // Left alone, it is not tried again: the failure keeps its time across scheduler ticks.
    await new Promise((r) => setTimeout(r, 6000));
    const still = (await view(editor, id)).article;
    expect(still.status).toBe('scheduled');
    expect(still.scheduleFailure).toEqual(failed);

    // Fixed: it goes out, and the failure is gone.
    setHeadline(c, 'Night buses return');
    const published = await waitFor(
      async () => {
        const a = (await view(editor, id)).article;
        return a.status === 'published' ? a : undefined;
      },
      { timeout: 15_000 },
    );
    expect(published?.scheduleFailure).toBeNull();
    expect(published?.slug).toBe('night-buses-return');
  });

  it('clears a failure when an editor reschedules', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const { id, c } = await approved(editor, 'Ferry strike', ['Crossings cancelled.']);
    expect((await move(editor, id, 'schedule', { publishAt: new Date(Date.now() + 1000).toISOString() })).status).toBe(200);
    bodyOf(c.doc).delete(0, bodyOf(c.doc).length);
    const failed = await waitFor(async () => (await view(editor, id)).article.scheduleFailure, { timeout: 15_000 });
    expect(failed?.reason).toBe('The article has no text to publish.');
    // Rescheduling checks again: still empty, refused; with text, the failure is gone.
    const later = new Date(Date.now() + 3600_000).toISOString();
    expect((await move(editor, id, 'schedule', { publishAt: later })).body.error?.code).toBe('body_required');
    bodyOf(c.doc).insert(0, [paragraph('Crossings resume.')]);
    await waitFor(async () => (await view(editor, id)).article.wordCount === 2);
    const rescheduled = await move(editor, id, 'schedule', { publishAt: later });
    expect(rescheduled.body.article).toMatchObject({ status: 'scheduled', scheduleFailure: null });
  });
});

describe('edits to a published story', () => {
  it('shows unpublished changes, what they are, and clears them when the update goes out', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const { id, c } = await approved(editor, 'Fix me', ['Teh typo stays.']);
    expect((await move(editor, id, 'publish')).body.article).toMatchObject({ status: 'published', unpublishedChanges: false });

    const t = (bodyOf(c.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.delete(0, 3);
    t.insert(0, 'The');
    await waitFor(async () => (await view(editor, id)).article.unpublishedChanges);
    await api(server, editor, 'PATCH', `/api/articles/${id}`, { byline: 'Rosa Díaz' });

    const res = await api(server, editor, 'GET', `/api/articles/${id}/revisions/compare?from=live&to=current`);
    const cmp = (await res.json()) as { changed: boolean; body: { value: string; added?: boolean; removed?: boolean }[]; details: { field: string; before: string; after: string }[] };
    expect(cmp.changed).toBe(true);
    expect(cmp.body.filter((p) => p.removed).map((p) => p.value)).toEqual(['Teh']);
    expect(cmp.body.filter((p) => p.added).map((p) => p.value)).toEqual(['The']);
    expect(cmp.details).toEqual([{ field: 'byline', before: '', after: 'Rosa Díaz' }]);

    expect((await move(editor, id, 'update')).body.article?.unpublishedChanges).toBe(false);
    // Nothing changed since: still none a moment later, and the comparison says so.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await view(editor, id)).article.unpublishedChanges).toBe(false);
    const same = (await (await api(server, editor, 'GET', `/api/articles/${id}/revisions/compare?from=live&to=current`)).json()) as { changed: boolean };
    expect(same.changed).toBe(false);
  });

  it('requires a reason to unpublish, and keeps it in the audit log and the webhook', async () => {
    server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    receiver = await startReceiver();
    const editor = await createPerson(server, 'editor');
    const ep = await api(server, server.admin, 'POST', '/api/webhooks', { url: receiver.url, events: ['article.unpublished'], description: 'Site' });
    expect(ep.status).toBe(201);
    const { id } = await approved(editor, 'Old story', ['Stale.']);
    await move(editor, id, 'publish');

    expect(await move(editor, id, 'unpublish')).toMatchObject({ status: 400, body: { error: { code: 'reason_required' } } });
    expect((await move(editor, id, 'unpublish', { note: '   ' })).body.error?.code).toBe('reason_required');
    expect((await move(editor, id, 'unpublish', { note: 'Legal asked us to take it down.' })).status).toBe(200);

    const audit = (await (await api(server, editor, 'GET', `/api/articles/${id}/audit`)).json()) as { entries: { action: string; note: string | null }[] };
    expect(audit.entries[0]).toMatchObject({ action: 'unpublish', note: 'Legal asked us to take it down.' });
    await waitFor(() => receiver!.received.length === 1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'article.unpublished', data: { articleId: id, reason: 'Legal asked us to take it down.' } });
  });
});

describe('the review thread', () => {
  it('lets a writer answer a change request and add a note when submitting; the thread shows them in order', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer', 'Ana Reyes');
    const editor = await createPerson(server, 'editor', 'Eve Park');
    const stranger = await createPerson(server, 'writer', 'Ben Carter');
    const id = await createArticle(server, 'Budget', writer);

    expect((await move(writer, id, 'submit', { note: 'Figures checked with the clerk.' })).status).toBe(200);
    expect((await move(editor, id, 'request_changes', { note: 'Add the vote count.' })).status).toBe(200);
    const reply = await api(server, writer, 'POST', `/api/articles/${id}/notes`, { note: 'The count is not public until Friday.' });
    expect(reply.status).toBe(201);

    const thread = (await view(writer, id)).reviewNotes;
    expect(thread.map((n) => [n.action, n.by, n.note])).toEqual([
      ['submit', 'Ana Reyes', 'Figures checked with the clerk.'],
      ['request_changes', 'Eve Park', 'Add the vote count.'],
      ['reply', 'Ana Reyes', 'The count is not public until Friday.'],
    ]);
    expect((await view(editor, id)).reviewNotes).toHaveLength(3);

    // A note has a limit, must say something, and only people who may open the story add one.
    expect((await api(server, writer, 'POST', `/api/articles/${id}/notes`, { note: 'x'.repeat(2001) })).status).toBe(400);
    expect((await api(server, writer, 'POST', `/api/articles/${id}/notes`, { note: '  ' })).status).toBe(400);
    expect((await api(server, stranger, 'POST', `/api/articles/${id}/notes`, { note: 'Hi' })).status).toBe(403);

    // Once approved, a new review starts with an empty thread.
    await move(writer, id, 'submit');
    await move(editor, id, 'approve');
    expect((await view(editor, id)).reviewNotes).toEqual([]);
  });
});
