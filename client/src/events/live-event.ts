/**
 * The events of GET /api/events (server/src/events/hub.ts), parsed at the edge: an event the
 * page does not understand is dropped, never trusted.
 */
import { STATES, type ArticleSummary, type PersonRef } from '@copydesk/shared';
import { isRecord } from '../api/http.js';

export type LiveEvent =
  | { type: 'article'; article: ArticleSummary }
  | { type: 'article-removed'; id: string }
  | { type: 'presence'; articleId: string; editing: PersonRef[] }
  | { type: 'comments'; articleId: string }
  /** Someone asked for access to the article, or a request was decided. */
  | { type: 'access-requests'; articleId: string };

export type LiveEventType = LiveEvent['type'];
export const LIVE_EVENT_TYPES: readonly LiveEventType[] = ['article', 'article-removed', 'presence', 'comments', 'access-requests'];

function isPersonRef(value: unknown): value is PersonRef {
  return isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string' && typeof value.color === 'string';
}

function isSummary(value: unknown): value is ArticleSummary {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.headline === 'string' &&
    typeof value.updatedAt === 'string' &&
    typeof value.status === 'string' &&
    (STATES as readonly string[]).includes(value.status) &&
    Array.isArray(value.assignees) &&
    value.assignees.every(isPersonRef) &&
    Array.isArray(value.editing) &&
    value.editing.every(isPersonRef) &&
    Array.isArray(value.tags)
  );
}

/** The event named `type` with the JSON `data`, or undefined when it is not one we know. */
export function parseLiveEvent(type: string, data: string): LiveEvent | undefined {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  switch (type) {
    case 'article':
      return isSummary(body.article) ? { type, article: body.article } : undefined;
    case 'article-removed':
      return typeof body.id === 'string' ? { type, id: body.id } : undefined;
    case 'presence':
      return typeof body.articleId === 'string' && Array.isArray(body.editing) && body.editing.every(isPersonRef)
        ? { type, articleId: body.articleId, editing: body.editing }
        : undefined;
    case 'comments':
    case 'access-requests':
      return typeof body.articleId === 'string' ? { type, articleId: body.articleId } : undefined;
    default:
      return undefined;
  }
}
