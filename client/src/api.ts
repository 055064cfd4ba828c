/**
 * The REST calls the client makes, typed with the shared payloads. Every failure becomes an
 * `ApiError` whose message can be shown to the person as is.
 */
import type { ApiErrorBody, ArticleSummary, CreateArticle } from '@copydesk/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}

function isArticleSummary(value: unknown): value is ArticleSummary {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  return (
    typeof a.id === 'string' &&
    typeof a.headline === 'string' &&
    typeof a.dek === 'string' &&
    typeof a.wordCount === 'number' &&
    typeof a.createdAt === 'string' &&
    typeof a.updatedAt === 'string'
  );
}

function unexpected(status: number): ApiError {
  return new ApiError(status, 'bad_response', 'The server sent an answer this page does not understand.');
}

async function request(path: string, init: RequestInit = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): handled below.
  }
  if (!res.ok) {
    if (isErrorBody(body)) throw new ApiError(res.status, body.error.code, body.error.message);
    throw new ApiError(res.status, 'http_' + res.status, `The server answered ${res.status} ${res.statusText}.`.trim());
  }
  return body;
}

function articleFrom(body: unknown, status: number): ArticleSummary {
  if (typeof body === 'object' && body !== null && 'article' in body && isArticleSummary(body.article)) {
    return body.article;
  }
  throw unexpected(status);
}

export async function listArticles(): Promise<ArticleSummary[]> {
  const body = await request('/api/articles');
  if (typeof body === 'object' && body !== null && 'articles' in body && Array.isArray(body.articles)) {
    return body.articles.filter(isArticleSummary);
  }
  throw unexpected(200);
}

export async function createArticle(input: CreateArticle = {}): Promise<ArticleSummary> {
  return articleFrom(await request('/api/articles', { method: 'POST', body: JSON.stringify(input) }), 201);
}

export async function getArticle(id: string): Promise<ArticleSummary> {
  return articleFrom(await request(`/api/articles/${encodeURIComponent(id)}`), 200);
}
