/**
 * Shapes of the server's answers for versions, published revisions and webhooks: the one
 * contract the server returns and the client checks (plain types, no zod).
 */
import type { PMNode } from './doc.js';

export const VERSION_KINDS = ['transition', 'auto', 'named', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export interface VersionInfo {
  n: number;
  kind: VersionKind;
  name: string;
  /** The workflow action that took it (transitions only). */
  action: string | null;
  state: string;
  headline: string;
  wordCount: number;
  by: { id: string; name: string } | null;
  at: string;
}

export interface VersionContent {
  headline: string;
  dek: string;
  /** ProseMirror JSON as stored: untrusted, clean it (`sanitizeBody`) before drawing it. */
  body: PMNode;
}

/** One run of a word diff: unchanged, inserted (`added`) or deleted (`removed`). */
export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface Comparison {
  headline: DiffPart[];
  dek: DiffPart[];
  body: DiffPart[];
  changed: boolean;
  /**
   * Some text was compared by paragraphs (blocks), not words: it was too long, or had too many
   * changes, to diff word by word within the server's bounds. Changed blocks come whole.
   */
  coarse: boolean;
}

/** A published revision as the newsroom lists it. */
export interface RevisionInfo {
  number: number;
  kind: 'publish' | 'update';
  headline: string;
  dek: string;
  slug: string;
  canonicalUrl: string;
  byline: string;
  section: string;
  tags: string[];
  correction: string | null;
  publishedAt: string;
  updatedAt: string;
  publishedBy: { id: string; name: string } | null;
}

export const WEBHOOK_EVENTS = ['article.published', 'article.updated', 'article.unpublished'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface EndpointStats {
  pending: number;
  delivered: number;
  failed: number;
  /** Attempts in a row, most recent first, that did not get a 2xx. */
  failingStreak: number;
  lastDeliveryAt: string | null;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  /** Why the server turned it off by itself (e.g. the receiver answered 410 Gone). */
  disabledReason: string | null;
  /** Until when the previous secret still signs, after a rotation. */
  rotationEndsAt: string | null;
  createdAt: string;
  stats: EndpointStats;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** The first kilobyte of the receiver's answer, as text; null when it sent none. */
  responseBody: string | null;
}

/** Deliveries listed at first and added by each "Show older", and the most one request returns. */
export const DeliveryPage = { size: 50, max: 1000 } as const;

/** GET /api/webhooks/:id/deliveries: the newest `limit`, newest first; `more` when older ones exist. */
export interface DeliveryList {
  deliveries: Delivery[];
  more: boolean;
}

export interface Delivery {
  /** Also the `webhook-id` header receivers dedupe by. */
  id: string;
  eventType: string;
  articleId: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  history: DeliveryAttempt[];
}
