/** What the server itself says, asked over HTTP without a browser. */
import { expect, type APIRequestContext } from '@playwright/test';

export interface ArticleRow {
  id: string;
  headline: string;
  dek: string;
  wordCount: number;
}

/** The article as the server has stored it (its row follows the server's copy of the doc). */
export async function storedArticle(request: APIRequestContext, articleId: string): Promise<ArticleRow> {
  const res = await request.get(`/api/articles/${encodeURIComponent(articleId)}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { article: ArticleRow };
  return body.article;
}

/** How many documents the server holds open (a document unloads once its writes are committed). */
export async function openDocuments(request: APIRequestContext): Promise<number> {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { documents: number };
  return body.documents;
}
