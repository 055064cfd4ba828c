/** REST payload schemas shared by server and client (zod). */
import { z } from 'zod';
import { HEADLINE_MAX } from './doc.js';
import { PRESENCE_COLORS, ROLES } from './roles.js';

export * from './roles.js';

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
  createdBy: string | null;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('enter a valid email address')).pipe(z.string().max(254));
export const passwordSchema = z
  .string()
  .min(10, 'passwords need at least 10 characters')
  .max(200, 'passwords can have at most 200 characters');
export const displayNameSchema = z.string().trim().min(1, 'a name is required').max(80);

export const loginSchema = z.object({ email: z.string().trim().max(254), password: z.string().max(200) });

export const createUserSchema = z.object({
  email: emailSchema,
  name: displayNameSchema,
  role: z.enum(ROLES),
  password: passwordSchema,
});

export const updateUserSchema = z
  .object({
    name: displayNameSchema,
    role: z.enum(ROLES),
    disabled: z.boolean(),
    password: passwordSchema,
    color: z.enum(PRESENCE_COLORS),
  })
  .partial();

export const setupSchema = z.object({
  token: z.string().min(1).max(200),
  email: emailSchema,
  name: displayNameSchema,
  password: passwordSchema,
});

export const updateArticleSchema = z
  .object({
    assignees: z.array(z.string().min(1).max(64)).max(50),
  })
  .partial();
