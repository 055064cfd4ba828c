/** Where a small popover (the link form) goes beside a piece of text: below it, or above when there is no room. */

export interface Anchor {
  top: number;
  bottom: number;
  left: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Space kept between the popover and the text, and from the window's edges. */
const GAP = 8;

/**
 * Top-left corner (viewport coordinates, for `position: fixed`) of a popover of `size` for text
 * at `anchor`: under the text and starting where it starts, flipped above it when it would run
 * past the bottom of the window (and fits above), kept inside the window sideways.
 */
export function placeBelow(anchor: Anchor, size: Size, viewport: Size): { top: number; left: number } {
  let top = anchor.bottom + GAP;
  if (top + size.height > viewport.height - GAP && anchor.top - GAP - size.height >= GAP) top = anchor.top - GAP - size.height;
  const left = Math.max(GAP, Math.min(anchor.left, viewport.width - size.width - GAP));
  return { top, left };
}
