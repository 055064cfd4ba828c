import { describe, expect, it } from 'vitest';
import { kindTag, versionLabel } from './version-label.js';

describe('versionLabel', () => {
  it.each([
    [{ kind: 'named', name: 'Before legal read', action: null }, 'Before legal read'],
    [{ kind: 'restore', name: 'Restored version 3', action: null }, 'Restored version 3'],
    [{ kind: 'auto', name: '', action: null }, 'Autosave'],
    [{ kind: 'transition', name: '', action: 'submit' }, 'Submitted for review'],
    [{ kind: 'transition', name: '', action: 'request_changes' }, 'Changes requested'],
    [{ kind: 'transition', name: '', action: 'teleport' }, 'Workflow step'],
  ] as const)('%o is "%s"', (v, label) => {
    expect(versionLabel(v)).toBe(label);
  });

  it('tags each kind', () => {
    expect(kindTag({ kind: 'transition' })).toBe('Workflow');
  });
});
