import { describe, expect, it } from 'vitest';
import { comparisonFrom } from './versions.js';

describe('comparisonFrom', () => {
  it('reads a comparison by paragraph', () => {
    const body = [{ value: 'Old paragraph.', removed: true }, { value: '\n\n' }, { value: 'New paragraph.', added: true }];
    expect(comparisonFrom({ headline: [{ value: 'Ferries' }], dek: [], body, changed: true, coarse: true })).toEqual({
      headline: [{ value: 'Ferries' }],
      dek: [],
      body,
      changed: true,
      coarse: true,
    });
  });

  it('takes a comparison without the flags as word by word, changed if any run is', () => {
    const c = comparisonFrom({ headline: [], dek: [], body: [{ value: 'a' }, { value: 'b', added: true }] });
    expect(c.coarse).toBe(false);
    expect(c.changed).toBe(true);
  });

  it('refuses an answer without the runs of each part', () => {
    expect(() => comparisonFrom({ headline: [], dek: [], coarse: true })).toThrow(/does not understand/);
  });
});
