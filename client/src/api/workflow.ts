/** The workflow over REST: moving an article between states, and its audit log. */
import type { ArticleState, ReviewNote, WorkflowAction } from '@copydesk/shared';
import { isRecord, request, unexpected } from './http.js';
import { isReviewNote, viewFrom, type ArticleView } from './articles.js';

export interface TransitionRequest {
  action: WorkflowAction;
  note?: string;
  /** ISO time, for `schedule`. */
  publishAt?: string;
}

export async function transitionArticle(id: string, input: TransitionRequest): Promise<Omit<ArticleView, 'changeRequest'>> {
  return viewFrom(await request(`/api/articles/${encodeURIComponent(id)}/transitions`, { method: 'POST', body: input }), 200);
}

/** Adds a note to the review's thread without moving the article; answers the thread. */
export async function addReviewNote(id: string, note: string): Promise<ReviewNote[]> {
  const body = await request(`/api/articles/${encodeURIComponent(id)}/notes`, { method: 'POST', body: { note } });
  if (isRecord(body) && Array.isArray(body.reviewNotes)) return body.reviewNotes.filter(isReviewNote);
  throw unexpected(201);
}

export interface AuditEntry {
  id: number;
  /** A workflow action, or create, metadata, assign, restore, version… */
  action: string;
  actor: { id: string; name: string } | null;
  from: ArticleState | null;
  to: ArticleState | null;
  note: string | null;
  data: Record<string, unknown>;
  at: string;
}

function isAuditEntry(value: unknown): value is AuditEntry {
  return isRecord(value) && typeof value.id === 'number' && typeof value.action === 'string' && typeof value.at === 'string' && isRecord(value.data);
}

export async function listAudit(id: string): Promise<AuditEntry[]> {
  const body = await request(`/api/articles/${encodeURIComponent(id)}/audit`);
  if (isRecord(body) && Array.isArray(body.entries)) return body.entries.filter(isAuditEntry);
  throw unexpected(200);
}
