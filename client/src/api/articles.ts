/** Articles over REST: the desk's list, starting an article, and checking one before opening it. */
import type { ArticleSummary, CreateArticle } from '@copydesk/shared';
import { isRecord, request, unexpected } from './http.js';

function isArticleSummary(value: unknown): value is ArticleSummary {
  if (!isRecord(value)) return false;
  return (
    typeof value.id === 'string' &&
    typeof value.headline === 'string' &&
    typeof value.dek === 'string' &&
    typeof value.wordCount === 'number' &&
    typeof value.createdAt === 'string' &&
    typeof value.updatedAt === 'string'
  );
}

function articleFrom(body: unknown, status: number): ArticleSummary {
  if (isRecord(body) && isArticleSummary(body.article)) return body.article;
  throw unexpected(status);
}

export async function listArticles(): Promise<ArticleSummary[]> {
  const body = await request('/api/articles');
  if (isRecord(body) && Array.isArray(body.articles)) return body.articles.filter(isArticleSummary);
  throw unexpected(200);
}

export async function createArticle(input: CreateArticle = {}): Promise<ArticleSummary> {
  return articleFrom(await request('/api/articles', { method: 'POST', body: input }), 201);
}

export async function getArticle(id: string): Promise<ArticleSummary> {
  return articleFrom(await request(`/api/articles/${encodeURIComponent(id)}`), 200);
}
