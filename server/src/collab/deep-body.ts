/**
 * Server-side changes to a body that may be nested very deep: one stored before the server
 * refused updates past MAX_BODY_DEPTH. Yjs deletes, garbage-collects and clones a type by
 * recursing into its children, so removing or copying thousands of levels at once overflows the
 * call stack (in the server and in every editor that receives the change). Here deep parts are
 * removed from the bottom up, a bounded number of levels per transaction (one update each, which
 * every client applies within the same bound).
 */
import * as Y from 'yjs';

/** Levels Yjs may recurse through in one transaction (far below what overflows the stack). */
export const LEVELS_PER_STEP = 200;

type Container = Y.XmlFragment | Y.XmlElement;

/** Every element under `root` with its depth (1 for a child of the root), walked with a loop. */
function elementsByDepth(root: Container): { el: Y.XmlElement; depth: number }[] {
  const out: { el: Y.XmlElement; depth: number }[] = [];
  const stack: { node: Container; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement) {
        out.push({ el: child, depth: depth + 1 });
        stack.push({ node: child, depth: depth + 1 });
      }
    }
  }
  return out;
}

/**
 * Removes the parts of `root` deeper than LEVELS_PER_STEP, deepest first, each step in a
 * transaction of its own (`transact`), so what is left can be deleted or copied in one go.
 */
export function removeDeepParts(root: Container, transact: (fn: () => void) => void): void {
  const all = elementsByDepth(root);
  const deepest = all.reduce((max, e) => Math.max(max, e.depth), 0);
  if (deepest <= LEVELS_PER_STEP) return;
  all.sort((a, b) => b.depth - a.depth);
  let i = 0;
  for (let top = deepest; top > LEVELS_PER_STEP; top -= LEVELS_PER_STEP) {
    const floor = Math.max(LEVELS_PER_STEP, top - LEVELS_PER_STEP);
    transact(() => {
      for (; i < all.length && all[i]!.depth > floor; i++) {
        const { el } = all[i]!;
        const parent = el.parent;
        if (!(parent instanceof Y.XmlElement) && !(parent instanceof Y.XmlFragment)) continue;
        const index = parent.toArray().indexOf(el);
        if (index >= 0) parent.delete(index, 1);
      }
    });
  }
}
