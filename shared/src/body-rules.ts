/**
 * What an article body may hold, derived once from the shared ProseMirror schema: which node
 * may sit inside which, which attributes a node or mark declares and which values they may take.
 * The server checks every client update against these rules before it stores anything
 * (server/src/collab/update-check.ts), so the body in the database is always one the editor
 * can open without dropping content; the fuzz tests check documents against them too.
 *
 * Order and count inside a node (a list item starting with a paragraph, a non-empty blockquote)
 * are not rules here: two valid concurrent edits can merge into a state neither sent, so they
 * are repaired where a body is rendered (`sanitizeBody`), not refused.
 */
import type { NodeType } from '@tiptap/pm/model';
import { articleSchema, HEADING_LEVELS, isSafeLinkHref } from './schema.js';

/** Deepest nesting of elements under the body (a list in a list is two levels: list, item). */
export const DEFAULT_MAX_BODY_DEPTH = 32;
/** Longest string an attribute (a link's href, a class) may hold. */
export const MAX_ATTRIBUTE_CHARS = 2048;

export interface BodyRules {
  /** Name of the body's top node (`doc`). */
  readonly top: string;
  /** Node names that may appear as children of `parent` ('text' for text runs). */
  allowedChildren(parent: string): ReadonlySet<string> | undefined;
  /** Whether `value` is acceptable for attribute `key` of node `node`; a reason when not. */
  checkNodeAttribute(node: string, key: string, value: unknown): string | undefined;
  /**
   * Whether a text formatting attribute (y-prosemirror writes a mark as one, named after the
   * mark, `--hash` suffixed for marks that may overlap) is acceptable; a reason when not.
   */
  checkFormat(key: string, value: unknown): string | undefined;
}

function reachableTypes(type: NodeType): Set<string> {
  const out = new Set<string>();
  const seen = new Set<unknown>();
  const queue = [type.contentMatch];
  while (queue.length > 0) {
    const match = queue.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      out.add(edge.type.name);
      queue.push(edge.next);
    }
  }
  return out;
}

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function checkPrimitive(what: string, value: unknown): string | undefined {
  if (!isPrimitive(value)) return `${what} must be a plain value`;
  if (typeof value === 'string' && value.length > MAX_ATTRIBUTE_CHARS) return `${what} is too long`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `${what} must be a finite number`;
  return undefined;
}

let rules: BodyRules | undefined;

/** The body's rules (built once from the schema). */
export function bodyRules(): BodyRules {
  if (rules) return rules;
  const schema = articleSchema();
  const children = new Map<string, Set<string>>();
  for (const [name, type] of Object.entries(schema.nodes)) children.set(name, reachableTypes(type));
  const nodeAttrs = new Map(Object.entries(schema.nodes).map(([name, type]) => [name, new Set(Object.keys(type.spec.attrs ?? {}))]));
  const markAttrs = new Map(Object.entries(schema.marks).map(([name, type]) => [name, new Set(Object.keys(type.spec.attrs ?? {}))]));

  rules = {
    top: schema.topNodeType.name,
    allowedChildren: (parent) => children.get(parent),
    checkNodeAttribute(node, key, value) {
      if (!nodeAttrs.get(node)?.has(key)) return `"${node}" has no attribute "${key}"`;
      const plain = checkPrimitive(`"${node}.${key}"`, value);
      if (plain) return plain;
      if (node === 'heading' && key === 'level' && !(HEADING_LEVELS as readonly unknown[]).includes(value)) return 'heading level must be 2, 3 or 4';
      if (node === 'orderedList' && key === 'start' && value !== null && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) < 1_000_000)) {
        return 'a list must start at a whole number';
      }
      return undefined;
    },
    checkFormat(key, value) {
      const mark = key.split('--')[0]!;
      const allowed = markAttrs.get(mark);
      if (!allowed) return `unknown mark "${mark}"`;
      // null ends a format run; a mark without attributes is written as {}.
      if (value === null) return undefined;
      if (typeof value !== 'object' || Array.isArray(value)) return `mark "${mark}" must carry an attribute object`;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (!allowed.has(k)) return `mark "${mark}" has no attribute "${k}"`;
        const plain = checkPrimitive(`"${mark}.${k}"`, v);
        if (plain) return plain;
      }
      if (mark === 'link' && !isSafeLinkHref((value as Record<string, unknown>).href)) return 'a link must be an http, https or mailto address';
      return undefined;
    },
  };
  return rules;
}
