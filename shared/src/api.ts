/** REST payload schemas shared by server and client (zod). */
import { z } from 'zod';
import { HEADLINE_MAX } from './doc.js';

export const articleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{10,40}$/, 'not an article id');

export const createArticleSchema = z.object({
  headline: z.string().trim().max(HEADLINE_MAX).optional(),
});
export type CreateArticle = z.infer<typeof createArticleSchema>;

export interface ArticleSummary {
  id: string;
  headline: string;
  dek: string;
  wordCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}
