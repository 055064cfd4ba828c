/** REST payload schemas shared by server and client (zod). */
import { z } from 'zod';
import { HEADLINE_MAX } from './doc.js';
import { STATES, ACTIONS, type ArticleState, type WorkflowAction } from './workflow.js';
import { PRESENCE_COLORS, ROLES, type Role } from './roles.js';
import type { LastChange } from './desk.js';

export * from './roles.js';

export const articleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{10,40}$/, 'not an article id');

export const createArticleSchema = z.object({
  headline: z.string().trim().max(HEADLINE_MAX).optional(),
});
export type CreateArticle = z.infer<typeof createArticleSchema>;

/**
 * A person as the others see them: on the desk, as an assignee or an author, in the list of who
 * is editing, and on every caret (the server stamps it on each awareness state). Declared once.
 */
export interface PersonRef {
  id: string;
  name: string;
  color: string;
}

/** Someone who can be assigned to an article (GET /api/people, for editors). */
export interface PersonOption extends PersonRef {
  role: Role;
}

export interface ArticleSummary {
  id: string;
  headline: string;
  dek: string;
  wordCount: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  status: ArticleState;
  statusChangedAt: string | null;
  slug: string | null;
  section: string;
  tags: string[];
  byline: string;
  seoDescription: string;
  publishAt: string | null;
  assignees: PersonRef[];
  openComments: number;
  /** People with the article open right now. */
  editing: PersonRef[];
  /** What happened last and who did it, for the desk ("Edited by Ada"); absent where not worked out. */
  lastChange?: LastChange | null;
  /**
   * The scheduled publication that was due and did not happen, and why (null when none). Retried
   * when the article changes; cleared by the next transition.
   */
  scheduleFailure: ScheduleFailure | null;
  /** Published, and the live document differs from what the last published revision froze. */
  unpublishedChanges: boolean;
}

export interface ScheduleFailure {
  /** What stopped it, as a person reads it ("Write a headline before publishing."). */
  reason: string;
  at: string;
}

/** A note left with a step of the review (a change request, a writer's answer or submission). */
export interface ReviewNote {
  action: string;
  note: string;
  by: string;
  at: string;
}

/** Everything a person can send has a limit: a note on the review thread. */
export const REVIEW_NOTE_MAX = 2000;
export const reviewNoteSchema = z.object({ note: z.string().trim().min(1, 'write a note').max(REVIEW_NOTE_MAX) });

/** What the signed-in person may do with one article now. */
export interface ArticlePermissions {
  canEdit: boolean;
  canEditMeta: boolean;
  canAssign: boolean;
  /**
   * May add a co-writer (POST /api/articles/:id/cowriters) and grant requests for access:
   * editors, and the writers on a draft (its creator and assignees). Only editors remove people.
   */
  canAddCowriter: boolean;
  canRestore: boolean;
  actions: WorkflowAction[];
  readOnlyReason: string | null;
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

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SEO_DESCRIPTION_MAX = 160;
export const SEO_DESCRIPTION_IDEAL = [120, 158] as const;
export const HEADLINE_IDEAL_MAX = 70;

export const updateArticleSchema = z
  .object({
    assignees: z.array(z.string().min(1).max(64)).max(50),
    slug: z.string().trim().toLowerCase().max(80).regex(SLUG_PATTERN, 'use lower-case letters, digits and single hyphens'),
    section: z.string().trim().max(60),
    tags: z.array(z.string().trim().min(1).max(40)).max(20),
    byline: z.string().trim().max(200),
    seoDescription: z.string().trim().max(SEO_DESCRIPTION_MAX),
    publishAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .partial();
export type UpdateArticle = z.infer<typeof updateArticleSchema>;

export const transitionSchema = z.object({
  action: z.enum(ACTIONS),
  note: z.string().trim().max(REVIEW_NOTE_MAX).optional(),
  publishAt: z.iso.datetime({ offset: true }).optional(),
});

export const articleStateSchema = z.enum(STATES);

/** A Yjs relative position, base64-encoded (see Y.encodeRelativePosition). */
const relativePosition = z.string().max(400).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not an encoded position');

export const createCommentSchema = z.object({
  body: z.string().trim().min(1, 'write a comment').max(5000),
  anchor: z.object({ from: relativePosition, to: relativePosition }),
  quote: z.string().max(1000),
});

export const replySchema = z.object({ body: z.string().trim().min(1, 'write a reply').max(5000) });
export const resolveSchema = z.object({ resolved: z.boolean() });
export const nameVersionSchema = z.object({ name: z.string().trim().min(1, 'name the version').max(120) });

export interface CommentView {
  id: string;
  author: PersonRef | null;
  body: string;
  createdAt: string;
}

export interface CommentThread {
  id: string;
  anchor: { from: string; to: string } | null;
  quote: string;
  resolved: boolean;
  resolvedBy: PersonRef | null;
  resolvedAt: string | null;
  comments: CommentView[];
}

/** POST /api/articles/:id/cowriters: the person to add to the story. */
export const addCowriterSchema = z.object({ userId: z.string().min(1).max(64) });

/** The longest note a person may send with a request for access. */
export const ACCESS_REQUEST_MESSAGE_MAX = 280;

/** POST /api/articles/:id/access-requests. */
export const accessRequestSchema = z.object({
  message: z.string().trim().max(ACCESS_REQUEST_MESSAGE_MAX, `keep the note under ${ACCESS_REQUEST_MESSAGE_MAX} characters`).optional(),
});

export const ACCESS_REQUEST_STATUSES = ['open', 'granted', 'dismissed'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** Someone who may not open an article asking to be put on it. */
export interface AccessRequestView {
  id: string;
  articleId: string;
  /** The article's headline: shown to those who may decide (never to the person asking). */
  headline: string;
  requester: PersonRef;
  message: string;
  status: AccessRequestStatus;
  createdAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
}
