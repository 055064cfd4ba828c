/**
 * One HTTP attempt of a webhook delivery, signed per Standard Webhooks (webhook-id,
 * webhook-timestamp, webhook-signature; during a secret rotation both signatures are sent).
 * Redirects are not followed (3xx counts as a failure); private targets are refused at connect.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, isPublicAddress } from './targets.js';
import { isIP } from 'node:net';

export interface SendInput {
  url: string;
  id: string;
  payload: string;
  secrets: string[];
  timeoutMs: number;
  allowPrivate: boolean;
}

export interface SendResult {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** Seconds the receiver asked us to wait (Retry-After), if any. */
  retryAfter: number | null;
  /** The first `RESPONSE_BODY_MAX` bytes of the receiver's answer, as text; null when it sent none. */
  responseBody: string | null;
}

/** How much of a receiver's answer is kept to show with the attempt. */
export const RESPONSE_BODY_MAX = 1024;

/** The kept bytes as text: invalid UTF-8 (or a character cut at the limit) becomes U+FFFD. */
export function responseText(kept: Buffer): string | null {
  return kept.length === 0 ? null : new TextDecoder('utf-8', { fatal: false }).decode(kept);
}

export function signatureHeader(secrets: string[], id: string, at: Date, payload: string): string {
  return secrets.map((s) => new Webhook(s).sign(id, at, payload)).join(' ');
}

function parseRetryAfter(value: string | string[] | undefined): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

export function sendWebhook(input: SendInput): Promise<SendResult> {
  const started = performance.now();
  const done = (r: Omit<SendResult, 'durationMs' | 'responseBody'>, responseBody: string | null = null): SendResult => ({
    ...r,
    responseBody,
    durationMs: performance.now() - started,
  });
  const url = new URL(input.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!input.allowPrivate && isIP(host) && !isPublicAddress(host)) {
    return Promise.resolve(done({ statusCode: null, error: `refused: ${host} is not a public address`, retryAfter: null }));
  }
  const at = new Date();
  const body = Buffer.from(input.payload);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(body.length),
    'user-agent': 'Copydesk-Webhooks/1',
    'webhook-id': input.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatureHeader(input.secrets, input.id, at, input.payload),
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let kept = 0;
    const finish = (r: Omit<SendResult, 'durationMs' | 'responseBody'>) => {
      if (settled) return;
      settled = true;
      resolve(done(r, responseText(Buffer.concat(chunks))));
    };
    const req = request(
      url,
      { method: 'POST', headers, lookup: guardedLookup(input.allowPrivate), timeout: input.timeoutMs },
      (res: IncomingMessage) => {
        // Keep the first kilobyte to show; drain the rest (bounded) so the socket is released.
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_BODY_MAX) {
            const part = chunk.subarray(0, RESPONSE_BODY_MAX - kept);
            chunks.push(Buffer.from(part));
            kept += part.length;
          }
          seen += chunk.length;
          if (seen > 64 * 1024) res.destroy();
        });
        res.on('end', () => finish({ statusCode: res.statusCode ?? null, error: null, retryAfter: parseRetryAfter(res.headers['retry-after']) }));
        res.on('error', () => finish({ statusCode: res.statusCode ?? null, error: null, retryAfter: parseRetryAfter(res.headers['retry-after']) }));
        res.on('close', () => finish({ statusCode: res.statusCode ?? null, error: null, retryAfter: parseRetryAfter(res.headers['retry-after']) }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`timed out after ${Math.round(input.timeoutMs / 1000)} s`));
    }, input.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`timed out after ${Math.round(input.timeoutMs / 1000)} s`)));
    req.on('error', (err: NodeJS.ErrnoException) => finish({ statusCode: null, error: err.message || err.code || 'request failed', retryAfter: null }));
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}
