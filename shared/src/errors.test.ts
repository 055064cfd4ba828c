import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, API_ERRORS, REFUSAL_CODES, isApiErrorCode } from './errors.js';
import { transition } from './workflow.js';

describe('API error codes', () => {
  it('are snake_case, with an error status and a sentence each', () => {
    for (const code of API_ERROR_CODES) {
      expect(code).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
      expect(API_ERRORS[code].status).toBeGreaterThanOrEqual(400);
      expect(API_ERRORS[code].message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('are listed by status, as the docs show them', () => {
    const statuses = API_ERROR_CODES.map((code) => API_ERRORS[code].status);
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
  });

  it('recognises only its own codes', () => {
    expect(API_ERROR_CODES.every(isApiErrorCode)).toBe(true);
    for (const other of ['network', 'http_502', 'toString', 'constructor', '']) expect(isApiErrorCode(other)).toBe(false);
  });

  it('include what the workflow refuses with', () => {
    expect(REFUSAL_CODES.every(isApiErrorCode)).toBe(true);
    const r = transition({ state: 'in_review', role: 'editor', relation: 'none', action: 'request_changes' });
    expect(r).toEqual({ ok: false, refusal: { code: 'note_required', message: API_ERRORS.note_required.message } });
  });
});

describe('docs/api.md', () => {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

  it('lists exactly these codes, statuses and sentences under "Error codes"', () => {
    const section = doc.slice(doc.indexOf('\n## Error codes\n')).split(/\n## (?!Error codes)/)[0]!;
    const table = section.split('\n').filter((line) => line.startsWith('|'));
    const expected = [
      '| status | code | default message |',
      '|---|---|---|',
      ...API_ERROR_CODES.map((code) => `| ${API_ERRORS[code].status} | \`${code}\` | ${API_ERRORS[code].message} |`),
    ];
    expect(table.join('\n')).toBe(expected.join('\n'));
  });

  it('names each code with its own status wherever it mentions one', () => {
    for (const [, status, code] of doc.matchAll(/`(\d{3}) ([a-z_]+)`/g)) {
      expect(isApiErrorCode(code!), code).toBe(true);
      if (isApiErrorCode(code!)) expect(Number(status), code).toBe(API_ERRORS[code].status);
    }
  });
});
