import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema, loadConfig } from './env.js';

describe('configuration', () => {
  it('documents every variable in the README table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Architecture'));
    for (const key of Object.keys(envSchema.shape)) expect(table, key).toContain(`\`${key}\``);
  });

  it('lists every problem at once', () => {
    const result = loadConfig({ PORT: 'eighty', PUBLIC_URL: 'not a url', WEBHOOK_RETRY_SCHEDULE: '1,x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'PUBLIC_URL', 'WEBHOOK_RETRY_SCHEDULE']);
  });

  it('refuses half of the admin pair', () => {
    expect(loadConfig({ COPYDESK_ADMIN_EMAIL: 'a@b.test' }).ok).toBe(false);
  });

  it('needs PUBLIC_URL with PORT=0, whose port is known only once listening', () => {
    const result = loadConfig({ PORT: '0' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.split(':')[0])).toEqual(['PUBLIC_URL']);
    const set = loadConfig({ PORT: '0', PUBLIC_URL: 'http://desk.test/' });
    expect(set.ok && [set.config.publicUrl, set.config.siteUrl]).toEqual(['http://desk.test', 'http://desk.test']);
  });

  it('limits request bodies, never below what a valid request needs', () => {
    const result = loadConfig({});
    expect(result.ok && result.config.bodyLimits).toEqual({ json: 1_048_576, auth: 16_384 });
    expect(loadConfig({ MAX_JSON_BODY_BYTES: '1000' }).ok).toBe(false);
    expect(loadConfig({ MAX_AUTH_BODY_BYTES: '1000' }).ok).toBe(false);
  });

  it('derives URLs and the database from defaults', () => {
    const result = loadConfig({ PORT: '4000' });
    expect(result.ok && result.config.publicUrl).toBe('http://localhost:4000');
    expect(result.ok && result.config.siteUrl).toBe('http://localhost:4000');
    expect(result.ok && result.config.database.kind).toBe('sqlite');
    expect(result.ok && result.config.webhooks.retryScheduleSeconds[0]).toBe(0);
  });
});
