/**
 * Server-side changes to a body that may be nested very deep: one stored before the server
 * refused updates past MAX_BODY_DEPTH. Yjs deletes, garbage-collects and clones a type by
 * recursing into its children, so removing or copying thousands of levels at once overflows the
 * call stack (in the server and in every editor that receives the change). Here deep parts are
 * removed from the bottom up, a bounded number of levels per transaction (one update each, which
 * every client applies within the same bound), and copies stop at a depth.
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

/**
 * A copy of `node` for inserting elsewhere (Y types can live in one place only), at most
 * `maxDepth` levels deep: deeper content is kept as its text.
 */
export function cloneCapped(node: Y.XmlElement | Y.XmlText, maxDepth: number): Y.XmlElement | Y.XmlText {
  if (node instanceof Y.XmlText) return node.clone();
  const copy = (el: Y.XmlElement): Y.XmlElement => {
    const out = new Y.XmlElement(el.nodeName);
    for (const [k, v] of Object.entries(el.getAttributes())) out.setAttribute(k, v as string);
    return out;
  };
  const root = copy(node);
  const stack: { from: Y.XmlElement; to: Y.XmlElement; depth: number }[] = [{ from: node, to: root, depth: 1 }];
  while (stack.length > 0) {
    const { from, to, depth } = stack.pop()!;
    const children: (Y.XmlElement | Y.XmlText)[] = [];
    for (const child of from.toArray()) {
      if (child instanceof Y.XmlText) children.push(child.clone());
      else if (child instanceof Y.XmlElement) {
        if (depth >= maxDepth) {
          children.push(new Y.XmlText(textOf(child)));
          continue;
        }
        const c = copy(child);
        children.push(c);
        stack.push({ from: child, to: c, depth: depth + 1 });
      }
    }
    to.insert(0, children);
  }
  return root;
}

function textOf(root: Y.XmlElement): string {
  const parts: string[] = [];
  const stack: (Y.XmlElement | Y.XmlText)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof Y.XmlText) {
      for (const d of node.toDelta() as { insert?: unknown }[]) if (typeof d.insert === 'string') parts.push(d.insert);
    }
    else {
      const children = node.toArray().filter((c): c is Y.XmlElement | Y.XmlText => c instanceof Y.XmlElement || c instanceof Y.XmlText);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
