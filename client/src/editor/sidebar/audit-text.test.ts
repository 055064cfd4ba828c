import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/workflow.js';
import { auditMove, auditTitle, listWords } from './audit-text.js';

function entry(patch: Partial<AuditEntry>): AuditEntry {
  return { id: 1, action: 'create', actor: { id: 'u1', name: 'Ada' }, from: null, to: null, note: null, data: {}, at: '2026-03-01T09:00:00Z', ...patch };
}

describe('audit entries in words', () => {
  it('lists words as a sentence does', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['slug'])).toBe('slug');
    expect(listWords(['slug', 'tags'])).toBe('slug and tags');
    expect(listWords(['slug', 'section', 'tags'])).toBe('slug, section and tags');
  });

  it('names transitions and the state change they made', () => {
    const submit = entry({ action: 'submit', from: 'draft', to: 'in_review' });
    expect(auditTitle(submit)).toBe('Submitted for review');
    expect(auditMove(submit)).toBe('Draft → In review');
    expect(auditTitle(entry({ action: 'request_changes', from: 'in_review', to: 'draft' }))).toBe('Requested changes');
    expect(auditTitle(entry({ action: 'schedule', data: { publishAt: '2026-03-04T09:30:00Z' } }))).toMatch(/^Scheduled for \w{3}, /);
    expect(auditTitle(entry({ action: 'publish', actor: null, from: 'scheduled', to: 'published' }))).toBe('Published on schedule');
    expect(auditMove(entry({ action: 'update', from: 'published', to: 'published' }))).toBeUndefined();
    expect(auditMove(entry({ action: 'create', to: 'draft' }))).toBeUndefined();
  });

  it('says which details changed and who was assigned', () => {
    expect(auditTitle(entry({ action: 'metadata', data: { fields: ['slug', 'seoDescription'] } }))).toBe('Changed the slug and SEO description');
    expect(auditTitle(entry({ action: 'metadata', data: { fields: ['tags'], added: ['flood', 'rain'], removed: [], changes: 3 } }))).toBe(
      'Added the tags “flood” and “rain”',
    );
    expect(auditTitle(entry({ action: 'metadata', data: { fields: ['tags'], added: ['river'], removed: ['typo'] } }))).toBe(
      'Added the tag “river”; removed “typo”',
    );
    expect(auditTitle(entry({ action: 'metadata', data: { fields: ['tags'], added: [], removed: ['typo'] } }))).toBe('Removed the tag “typo”');
    expect(auditTitle(entry({ action: 'metadata', data: { fields: ['tags'], added: [], removed: [] } }))).toBe('Changed the tags');
    expect(auditTitle(entry({ action: 'metadata', data: { fields: ['tags'] } }))).toBe('Changed the tags');
    const names = new Map([['w1', 'Wren']]);
    expect(auditTitle(entry({ action: 'assign', data: { added: ['w1'], removed: [] } }), names)).toBe('Assigned Wren');
    expect(auditTitle(entry({ action: 'assign', data: { added: ['w1', 'x'], removed: ['y'] } }), names)).toBe('Assigned Wren and 1 other; unassigned someone');
    expect(auditTitle(entry({ action: 'version', data: { n: 3, name: 'Before legal' } }))).toBe('Saved version “Before legal”');
    expect(auditTitle(entry({ action: 'restore', data: { restored: 2 } }))).toBe('Restored version 2');
    expect(auditTitle(entry({ action: 'something_new' }))).toBe('Something new');
  });
});
