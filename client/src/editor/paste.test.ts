import { describe, expect, it } from 'vitest';
import { cleanPastedHTML, onlyImageFiles } from './paste.js';

describe('pasted images', () => {
  it('refuses a paste of image files alone (a screenshot), so the editor can say why nothing came in', () => {
    expect(onlyImageFiles({ types: ['Files'], files: [{ type: 'image/png' }] })).toBe(true);
  });

  it('lets a paste with text through: the text comes in and the images are left out of it', () => {
    expect(onlyImageFiles({ types: ['Files', 'text/html'], files: [{ type: 'image/png' }] })).toBe(false);
    expect(onlyImageFiles({ types: ['text/plain'], files: [] })).toBe(false);
    expect(onlyImageFiles({ types: ['Files'], files: [{ type: 'application/pdf' }] })).toBe(false);
  });

  it('leaves HTML with no table or media as it is, without parsing it', () => {
    const html = '<p>Plain <b>words</b></p>';
    const parser = { parseFromString: () => { throw new Error('parsed'); } } as unknown as DOMParser;
    expect(cleanPastedHTML(html, parser)).toEqual({ html, images: 0 });
  });
});
