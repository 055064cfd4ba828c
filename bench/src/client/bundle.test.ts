import { describe, expect, it } from 'vitest';
import { chunkName } from './bundle.js';

describe('chunk names in the bundle report', () => {
  it.each([
    ['EditorPage-mEnFPeo5.js', 'EditorPage'],
    ['SetupPage-DA-N_nCN.js', 'SetupPage'],
    ['WebhooksPage-C68k-Xoj.js', 'WebhooksPage'],
    ['SetupPage-DAOSITo-.css', 'SetupPage'],
    ['index-B_0aZ9x-.js', 'index'],
  ])('%s is %s', (file, name) => {
    expect(chunkName(file)).toBe(name);
  });
});
