/** Comment threads on an article: list, start one on a passage, reply, resolve and reopen. */
import type { CommentThread, CommentView, PersonRef } from '@copydesk/shared';
import { isBoolean, isPersonRef, isString, listOf, orNull } from './check.js';
import { isRecord, request, unexpected } from './http.js';

/** A thread's anchor: two Yjs relative positions into the body, base64-encoded. */
export interface CommentAnchor {
  from: string;
  to: string;
}

const isRef = (value: unknown): value is PersonRef => isPersonRef(value) && isString(value.color);
const isAnchor = (value: unknown): value is CommentAnchor => isRecord(value) && isString(value.from) && isString(value.to);

function isComment(value: unknown): value is CommentView {
  return isRecord(value) && isString(value.id) && orNull(isRef)(value.author) && isString(value.body) && isString(value.createdAt);
}

export function isThread(value: unknown): value is CommentThread {
  return (
    isRecord(value) &&
    isString(value.id) &&
    orNull(isAnchor)(value.anchor) &&
    isString(value.quote) &&
    isBoolean(value.resolved) &&
    orNull(isRef)(value.resolvedBy) &&
    orNull(isString)(value.resolvedAt) &&
    Array.isArray(value.comments) &&
    value.comments.every(isComment)
  );
}

function threadsFrom(body: unknown): CommentThread[] {
  const threads = listOf(body, 'threads', isThread);
  if (!threads) throw unexpected(200);
  return threads;
}

const base = (articleId: string) => `/api/articles/${encodeURIComponent(articleId)}/comments`;

export async function listThreads(articleId: string): Promise<CommentThread[]> {
  return threadsFrom(await request(base(articleId)));
}

export interface NewThread {
  body: string;
  anchor: CommentAnchor;
  /** The commented words as they read when the thread started. */
  quote: string;
}

/** Starts a thread; answers with every thread of the article. */
export async function createThread(articleId: string, input: NewThread): Promise<CommentThread[]> {
  return threadsFrom(await request(base(articleId), { method: 'POST', body: input }));
}

export async function replyToThread(articleId: string, threadId: string, body: string): Promise<CommentThread[]> {
  return threadsFrom(await request(`${base(articleId)}/${encodeURIComponent(threadId)}/replies`, { method: 'POST', body: { body } }));
}

export async function setThreadResolved(articleId: string, threadId: string, resolved: boolean): Promise<CommentThread[]> {
  return threadsFrom(await request(`${base(articleId)}/${encodeURIComponent(threadId)}`, { method: 'PATCH', body: { resolved } }));
}
