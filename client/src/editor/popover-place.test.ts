import { describe, expect, it } from 'vitest';
import { placeBelow } from './popover-place.js';

const viewport = { width: 1200, height: 800 };
const size = { width: 440, height: 90 };

describe('placeBelow', () => {
  it('puts the popover under the text, where the text starts', () => {
    expect(placeBelow({ top: 300, bottom: 324, left: 500 }, size, viewport)).toEqual({ top: 332, left: 500 });
  });

  it('flips above the text near the bottom of the window', () => {
    expect(placeBelow({ top: 740, bottom: 764, left: 500 }, size, viewport)).toEqual({ top: 642, left: 500 });
  });

  it('stays inside the window sideways', () => {
    expect(placeBelow({ top: 300, bottom: 324, left: 1000 }, size, viewport).left).toBe(1200 - 440 - 8);
    expect(placeBelow({ top: 300, bottom: 324, left: -20 }, size, viewport).left).toBe(8);
  });

  it('stays below when there is no room above either', () => {
    expect(placeBelow({ top: 40, bottom: 64, left: 10 }, size, { width: 500, height: 120 }).top).toBe(72);
  });
});
