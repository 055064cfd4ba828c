/**
 * The desk's list of articles at volume (GET /api/articles: filters, sort, pages), the last change
 * a card names, and the newsroom's managed sections: shapes and limits shared by server and client.
 */
import { z } from 'zod';
import { STATES, type ArticleState } from './workflow.js';

/** What the list can be sorted by. `desk` is a column's own order (scheduled soonest first, then the latest change). */
export const ARTICLE_SORTS = ['desk', 'updated', 'deadline', 'words', 'section', 'state', 'headline'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

/** Most articles one request returns (and the default when no limit is asked for). */
export const ARTICLE_PAGE_MAX = 500;
export const SECTION_NAME_MAX = 60;
export const SECTIONS_MAX = 200;

/** The query of GET /api/articles. Every field is optional; an unknown value is refused, not ignored. */
export const articleListQuerySchema = z.object({
  mine: z.enum(['0', '1']).optional(),
  section: z.string().max(SECTION_NAME_MAX).optional(),
  q: z
    .string()
    .optional()
    .transform((q) => q?.slice(0, 200)),
  /** Comma-separated states: `approved,scheduled`. */
  states: z
    .string()
    .max(200)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const states = [...new Set(s.split(','))];
      for (const state of states) {
        if (!(STATES as readonly string[]).includes(state)) {
          ctx.addIssue({ code: 'custom', message: `unknown state ${JSON.stringify(state.slice(0, 40))}` });
          return z.NEVER;
        }
      }
      return states as ArticleState[];
    }),
  /** Changed at or after this time. */
  updatedFrom: z.iso.datetime({ offset: true }).optional(),
  /** Changed before this time. */
  updatedTo: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(ARTICLE_SORTS).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(ARTICLE_PAGE_MAX).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

/**
 * The last thing that happened to an article, as its card says it ("Submitted by Ben"). `action`
 * is an audit action (`create`, `metadata`, `assign`, `submit`, `approve`, …) or `edit` for the
 * text; `by` is null when no person did it (a scheduled publication) or nobody is known.
 */
export interface LastChange {
  action: string;
  by: string | null;
  at: string;
}

/** One of the newsroom's sections (GET /api/sections). */
export interface Section {
  id: string;
  name: string;
  /** Articles filed under it (any spelling of its name). */
  articles: number;
}

export const sectionNameSchema = z.string().trim().min(1, 'name the section').max(SECTION_NAME_MAX);
export const sectionInputSchema = z.object({ name: sectionNameSchema });

/** Two names of one section differ only in case and surrounding space: "world" is "World". */
export function sectionKey(name: string): string {
  return name.trim().toLocaleLowerCase('en');
}
