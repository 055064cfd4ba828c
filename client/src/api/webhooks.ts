/** Webhook endpoints and their deliveries (administrators only). */
import {
  DELIVERY_STATUSES,
  DeliveryPage,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryList,
  type EndpointStats,
  type WebhookEndpoint,
} from '@copydesk/shared';
import { isBoolean, isNumber, isString, isStringArray, listOf, orNull } from './check.js';
import { isRecord, request, unexpected } from './http.js';

export type { Delivery, DeliveryAttempt, DeliveryStatus, EndpointStats, WebhookEndpoint } from '@copydesk/shared';

function isStats(value: unknown): value is EndpointStats {
  return (
    isRecord(value) &&
    isNumber(value.pending) &&
    isNumber(value.delivered) &&
    isNumber(value.failed) &&
    isNumber(value.failingStreak) &&
    orNull(isString)(value.lastDeliveryAt)
  );
}

function isEndpoint(value: unknown): value is WebhookEndpoint {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.url) &&
    isString(value.description) &&
    isStringArray(value.events) &&
    isBoolean(value.enabled) &&
    orNull(isString)(value.disabledReason) &&
    orNull(isString)(value.rotationEndsAt) &&
    isString(value.createdAt) &&
    isStats(value.stats)
  );
}

function isAttempt(value: unknown): value is DeliveryAttempt {
  return (
    isRecord(value) &&
    isNumber(value.attempt) &&
    isString(value.at) &&
    orNull(isNumber)(value.statusCode) &&
    isNumber(value.durationMs) &&
    orNull(isString)(value.error) &&
    orNull(isString)(value.responseBody)
  );
}

function isDelivery(value: unknown): value is Delivery {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.eventType) &&
    orNull(isString)(value.articleId) &&
    (DELIVERY_STATUSES as readonly unknown[]).includes(value.status) &&
    isNumber(value.attempts) &&
    orNull(isString)(value.nextAttemptAt) &&
    orNull(isNumber)(value.lastStatusCode) &&
    orNull(isString)(value.lastError) &&
    isString(value.createdAt) &&
    orNull(isString)(value.deliveredAt) &&
    Array.isArray(value.history) &&
    value.history.every(isAttempt)
  );
}

/** An endpoint with its signing secret, which the server shows only in this answer. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

function withSecret(body: unknown, status: number): EndpointWithSecret {
  if (isRecord(body) && isEndpoint(body.endpoint) && isString(body.secret)) return { endpoint: body.endpoint, secret: body.secret };
  throw unexpected(status);
}

const endpoint = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

export async function listEndpoints(): Promise<{ endpoints: WebhookEndpoint[]; events: string[] }> {
  const body = await request('/api/webhooks');
  const endpoints = listOf(body, 'endpoints', isEndpoint);
  const events = listOf(body, 'events', isString);
  if (!endpoints || !events) throw unexpected(200);
  return { endpoints, events };
}

export interface EndpointInput {
  url: string;
  events: string[];
  description: string;
}

export async function createEndpoint(input: EndpointInput): Promise<EndpointWithSecret> {
  return withSecret(await request('/api/webhooks', { method: 'POST', body: input }), 201);
}

export async function updateEndpoint(id: string, patch: Partial<EndpointInput> & { enabled?: boolean }): Promise<WebhookEndpoint> {
  const body = await request(endpoint(id), { method: 'PATCH', body: patch });
  if (isRecord(body) && isEndpoint(body.endpoint)) return body.endpoint;
  throw unexpected(200);
}

export async function deleteEndpoint(id: string): Promise<void> {
  await request(endpoint(id), { method: 'DELETE' });
}

/** A new secret; the previous one keeps signing until `endpoint.rotationEndsAt`. */
export async function rotateSecret(id: string): Promise<EndpointWithSecret> {
  return withSecret(await request(`${endpoint(id)}/rotate-secret`, { method: 'POST' }), 200);
}

/** The endpoint's newest `limit` deliveries, newest first; `more` when older ones exist. */
export async function listDeliveries(id: string, limit: number = DeliveryPage.size): Promise<DeliveryList> {
  const body = await request(`${endpoint(id)}/deliveries?limit=${limit}`);
  const deliveries = listOf(body, 'deliveries', isDelivery);
  if (!deliveries || !isRecord(body) || !isBoolean(body.more)) throw unexpected(200);
  return { deliveries, more: body.more };
}

/** Sends a delivery again with the same webhook-id, starting its retry schedule over. */
export async function redeliver(deliveryId: string): Promise<void> {
  await request(`/api/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: 'POST' });
}
