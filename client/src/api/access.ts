/**
 * Putting people on a story over REST: adding a co-writer, and requests for access (asking,
 * one's own latest request, the open ones to decide, granting and dismissing).
 */
import { ACCESS_REQUEST_STATUSES, type AccessRequestView, type PersonRef } from '@copydesk/shared';
import { viewFrom, type ArticleView } from './articles.js';
import { isRecord, request, unexpected } from './http.js';

function isPerson(value: unknown): value is PersonRef {
  return isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string' && typeof value.color === 'string';
}

export function isAccessRequest(value: unknown): value is AccessRequestView {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.articleId === 'string' &&
    typeof value.headline === 'string' &&
    isPerson(value.requester) &&
    typeof value.message === 'string' &&
    (ACCESS_REQUEST_STATUSES as readonly unknown[]).includes(value.status) &&
    typeof value.createdAt === 'string' &&
    (value.decidedBy === null || isPerson(value.decidedBy)) &&
    (value.decidedAt === null || typeof value.decidedAt === 'string')
  );
}

function requestsFrom(body: unknown): AccessRequestView[] {
  if (isRecord(body) && Array.isArray(body.requests)) return body.requests.filter(isAccessRequest);
  throw unexpected(200);
}

const base = (articleId: string) => `/api/articles/${encodeURIComponent(articleId)}`;

/** Adds `userId` to the story; answers with the article and this person's permissions. */
export async function addCowriter(articleId: string, userId: string): Promise<Omit<ArticleView, 'changeRequest'>> {
  return viewFrom(await request(`${base(articleId)}/cowriters`, { method: 'POST', body: { userId } }), 200);
}

/** This person's latest request for an article they may not open (null: none, or they may open it). */
export async function myAccessRequest(articleId: string): Promise<AccessRequestView | null> {
  const body = await request(`${base(articleId)}/access-request`);
  if (isRecord(body) && (body.request === null || isAccessRequest(body.request))) return body.request;
  throw unexpected(200);
}

export async function askForAccess(articleId: string, message: string): Promise<AccessRequestView> {
  const body = await request(`${base(articleId)}/access-requests`, { method: 'POST', body: message ? { message } : {} });
  if (isRecord(body) && isAccessRequest(body.request)) return body.request;
  throw unexpected(200);
}

/** The open requests for one article, or (without an id) every one this person may decide. */
export async function openAccessRequests(articleId?: string): Promise<AccessRequestView[]> {
  return requestsFrom(await request(articleId ? `${base(articleId)}/access-requests` : '/api/access-requests'));
}

export async function grantAccess(req: AccessRequestView): Promise<void> {
  await request(`${base(req.articleId)}/access-requests/${encodeURIComponent(req.id)}/grant`, { method: 'POST' });
}

export async function dismissAccess(req: AccessRequestView): Promise<void> {
  await request(`${base(req.articleId)}/access-requests/${encodeURIComponent(req.id)}/dismiss`, { method: 'POST' });
}
