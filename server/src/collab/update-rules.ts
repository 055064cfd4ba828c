/**
 * The check every client update passes before the server applies, stores or relays it. A client
 * can write anything into a Y.Doc; the server reads what an update would add, without applying
 * it, and refuses it when:
 *
 * - `invalid`: it does not fit the article (an unknown document part, node, attribute or mark,
 *   a node where the schema does not allow it, text directly in a blockquote, an unsafe link,
 *   embeds, maps or sub-documents in the body). The editor never sends such an update.
 * - `limit`: it would take the document past a limit (size in bytes, nesting depth, headline and
 *   dek length). A person can hit these, so they are told why.
 * - `missing`: it builds on structs this document does not have, so what it adds cannot be
 *   known until they arrive. Yjs would hold it back and integrate it later, unchecked; instead
 *   the client is asked to reconnect, and the sync then sends everything in order.
 *
 * - `malformed`: the bytes are not an update at all.
 *
 * The cost is proportional to the update, not the document: one decode (which applying does
 * anyway), a binary search per reference into the document, and a walk up the ancestors of each
 * element something is inserted into (bounded by the depth limit). See docs/architecture.md.
 */
import * as Y from 'yjs';
import { bodyOf, bodyRules, dekOf, headlineOf, DEK_MAX, HEADLINE_MAX } from '@copydesk/shared';

export interface DocumentLimits {
  /** Largest stored size of one document (snapshot plus log), in bytes. */
  maxBytes: number;
  /** Deepest nesting of elements in the body. */
  maxDepth: number;
  /**
   * Benchmarks only (COPYDESK_BENCH_TEXT): one more top-level Y.Text of plain text, no length
   * limit, which the benchmark's pre-encoded typing clients write into.
   */
  benchText?: string | undefined;
}

export type UpdateVerdictKind = 'malformed' | 'invalid' | 'limit' | 'missing';

export type UpdateVerdict =
  | { ok: true; /** whether it adds structs (not only deletions) */ adds: boolean }
  | { ok: false; kind: UpdateVerdictKind; reason: string };

type Struct = Y.Item | Y.GC | Y.Skip;
/**
 * A shared type (body, headline, an element, a text run…), compared by identity and narrowed
 * with instanceof where its kind matters: its event type never does here.
 */
type Shared = object;
type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };

/** Where an item goes once integrated. */
type Parent =
  | { kind: 'dropped' } // next to garbage-collected content: Yjs drops it too
  | { kind: 'type'; type: Shared; sub: string | null; depth?: number; viaItem?: Y.Item }
  | { kind: 'root'; name: string; sub: string | null };

class Refusal extends Error {
  constructor(
    readonly kind: 'invalid' | 'limit' | 'missing',
    reason: string,
  ) {
    super(reason);
  }
}

/** Structs of one update by client, sorted by clock, for lookups by ID. */
class UpdateIndex {
  private readonly byClient = new Map<number, Struct[]>();

  constructor(structs: readonly Struct[]) {
    for (const s of structs) {
      let list = this.byClient.get(s.id.client);
      if (!list) this.byClient.set(s.id.client, (list = []));
      list.push(s);
    }
  }

  clients(): IterableIterator<[number, Struct[]]> {
    return this.byClient.entries();
  }

  find(id: Y.ID): Struct | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }
}

/** Decides whether `update` may be applied to `doc` (whose stored size is `storedBytes`). */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, limits: DocumentLimits, storedBytes: number): UpdateVerdict {
  let decoded: { structs: Struct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
  } catch {
    return { ok: false, kind: 'malformed', reason: 'update could not be read' };
  }
  try {
    return new UpdateCheck(doc, decoded, limits).run(update.length, storedBytes);
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, kind: err.kind, reason: err.message };
    // Anything else a crafted update makes the walk trip on (a reference to a struct of the
    // wrong kind, say) is an update the server will not take.
    return { ok: false, kind: 'invalid', reason: 'the update does not fit this document' };
  }
}

class UpdateCheck {
  private readonly store: Y.Doc['store'];
  private readonly index: UpdateIndex;
  private readonly parents = new Map<Y.Item, Parent>();
  private readonly depths = new Map<Shared, number>();
  private readonly body: Y.XmlFragment;
  private readonly headline: Y.Text;
  private readonly dek: Y.Text;
  private readonly benchText: Y.Text | undefined;
  private readonly rules = bodyRules();
  private added = { headline: 0, dek: 0 };

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: { structs: Struct[]; ds: DeleteSet },
    private readonly limits: DocumentLimits,
  ) {
    this.store = doc.store;
    this.index = new UpdateIndex(decoded.structs);
    this.body = bodyOf(doc);
    this.headline = headlineOf(doc);
    this.dek = dekOf(doc);
    this.benchText = limits.benchText ? doc.getText(limits.benchText) : undefined;
  }

  run(updateBytes: number, storedBytes: number): UpdateVerdict {
    const fresh: Y.Item[] = [];
    for (const [client, structs] of this.index.clients()) {
      let next = Y.getState(this.store, client);
      for (const s of structs) {
        if (s instanceof Y.Skip) throw new Refusal('missing', 'the update has gaps');
        if (s.id.clock + s.length <= next) continue; // already here: Yjs skips it
        if (s.id.clock > next) throw new Refusal('missing', 'the update builds on changes the server does not have');
        next = s.id.clock + s.length;
        if (s instanceof Y.Item) fresh.push(s);
      }
    }
    if (fresh.length > 0 && storedBytes + updateBytes > this.limits.maxBytes) {
      throw new Refusal('limit', `This change would make the article larger than ${formatBytes(this.limits.maxBytes)}.`);
    }
    for (const item of fresh) this.checkReferences(item);
    for (const item of fresh) this.checkItem(item);
    this.checkLength(this.headline, this.added.headline, HEADLINE_MAX, 'A headline');
    this.checkLength(this.dek, this.added.dek, DEK_MAX, 'A standfirst');
    return { ok: true, adds: fresh.length > 0 };
  }

  /** Every struct an item refers to is in the document or in this update. */
  private checkReferences(item: Y.Item): void {
    for (const id of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (!id) continue;
      if (id.client === item.id.client && id.clock >= item.id.clock) throw new Refusal('invalid', 'an item refers to itself or to a later one');
      if (id.clock < Y.getState(this.store, id.client)) continue;
      if (!this.index.find(id)) throw new Refusal('missing', 'the update builds on changes the server does not have');
    }
  }

  /** The struct with this ID: in the update when the document does not have it yet. */
  private lookup(id: Y.ID): Y.Item | Y.GC {
    if (id.clock < Y.getState(this.store, id.client)) return Y.getItem(this.store, id) as Y.Item | Y.GC;
    const s = this.index.find(id);
    if (!s || s instanceof Y.Skip) throw new Refusal('missing', 'the update builds on changes the server does not have');
    return s;
  }

  /**
   * Where `item` will be integrated: its own parent field, or its left (else right) neighbour's
   * parent, as Yjs decides it. Chains of neighbours inside the update are followed with a loop
   * (a pasted paragraph is a chain as long as its runs), and a cycle is refused.
   */
  private parentOf(item: Y.Item): Parent {
    const chain: Y.Item[] = [];
    const seen = new Set<Y.Item>();
    let current = item;
    let result: Parent;
    for (;;) {
      const known = this.parents.get(current);
      if (known) {
        result = known;
        break;
      }
      if (seen.has(current)) throw new Refusal('invalid', 'items refer to each other in a cycle');
      seen.add(current);
      const step = this.directParent(current);
      if (step instanceof Y.Item) {
        chain.push(current);
        current = step;
        continue;
      }
      result = step;
      this.parents.set(current, result);
      break;
    }
    for (const c of chain) this.parents.set(c, result);
    return result;
  }

  /** The parent `item` names, or the neighbour in this update whose parent it takes. */
  private directParent(item: Y.Item): Parent | Y.Item {
    const { parent } = item;
    if (typeof parent === 'string') return { kind: 'root', name: parent, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const p = this.lookup(parent);
      if (p instanceof Y.GC) return { kind: 'dropped' };
      if (!(p.content instanceof Y.ContentType)) throw new Refusal('invalid', 'an item names a parent that is not a type');
      return { kind: 'type', type: p.content.type, sub: item.parentSub, viaItem: p.id.clock >= Y.getState(this.store, p.id.client) ? p : undefined };
    }
    for (const id of [item.origin, item.rightOrigin]) {
      if (!id) continue;
      const neighbour = this.lookup(id);
      if (neighbour instanceof Y.GC) return { kind: 'dropped' };
      if (id.clock >= Y.getState(this.store, id.client)) return neighbour; // in this update
      if (!neighbour.parent || !(neighbour.parent instanceof Y.AbstractType)) return { kind: 'dropped' };
      return { kind: 'type', type: neighbour.parent, sub: neighbour.parentSub };
    }
    return { kind: 'dropped' };
  }

  private checkItem(item: Y.Item): void {
    const { content } = item;
    if (content instanceof Y.ContentDeleted) return;
    const parent = this.parentOf(item);
    if (parent.kind === 'dropped') return;
    const type = parent.kind === 'root' ? this.root(parent.name) : parent.type;
    if (parent.sub !== null) {
      if (!(type instanceof Y.XmlElement)) throw new Refusal('invalid', 'attributes are allowed on body elements only');
      if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) throw new Refusal('invalid', 'an attribute must hold one plain value');
      const problem = this.rules.checkNodeAttribute(type.nodeName, parent.sub, content.arr[0]);
      if (problem) throw new Refusal('invalid', problem);
      return;
    }
    if (type === this.headline || type === this.dek) {
      if (!(content instanceof Y.ContentString)) throw new Refusal('invalid', 'headline and standfirst hold plain text only');
      this.added[type === this.headline ? 'headline' : 'dek'] += content.str.length;
      return;
    }
    if (type === this.benchText && this.benchText) {
      if (!(content instanceof Y.ContentString)) throw new Refusal('invalid', 'the benchmark text holds plain text only');
      return;
    }
    if (type instanceof Y.XmlText) {
      if (content instanceof Y.ContentString) return;
      if (content instanceof Y.ContentFormat) {
        const problem = this.rules.checkFormat(content.key, content.value);
        if (problem) throw new Refusal('invalid', problem);
        return;
      }
      throw new Refusal('invalid', 'body text holds characters and formatting only');
    }
    const container = type === this.body ? this.rules.top : type instanceof Y.XmlElement ? type.nodeName : undefined;
    if (container === undefined) throw new Refusal('invalid', 'this part of the document cannot be written to');
    const allowed = this.rules.allowedChildren(container);
    if (!allowed) throw new Refusal('invalid', `unknown node "${container.slice(0, 40)}"`);
    if (!(content instanceof Y.ContentType)) throw new Refusal('invalid', `"${container}" holds elements and text only`);
    const child = content.type;
    if (child instanceof Y.XmlText) {
      if (!allowed.has('text')) throw new Refusal('invalid', `text cannot go directly inside "${container}"`);
      return;
    }
    if (!(child instanceof Y.XmlElement) || child instanceof Y.XmlHook) throw new Refusal('invalid', 'the body holds elements and text only');
    if (!this.rules.allowedChildren(child.nodeName)) throw new Refusal('invalid', `unknown node "${child.nodeName.slice(0, 40)}"`);
    if (!allowed.has(child.nodeName)) throw new Refusal('invalid', `"${child.nodeName}" cannot go inside "${container}"`);
    const depth = this.depthOf(type, parent.kind === 'type' ? parent.viaItem : undefined) + 1;
    if (depth > this.limits.maxDepth) throw new Refusal('limit', `The article body cannot be nested more than ${this.limits.maxDepth} levels deep.`);
  }

  /** A root type by name: only the article's own parts. */
  private root(name: string): Shared {
    if (name === 'body') return this.body;
    if (name === 'headline') return this.headline;
    if (name === 'dek') return this.dek;
    if (name === this.limits.benchText && this.benchText) return this.benchText;
    throw new Refusal('invalid', `unknown document part "${name.slice(0, 40)}"`);
  }

  /**
   * Elements between `type` and the body (0 for the body). A type this update creates (`viaItem`
   * names its item) sits under its own resolved parent; one in the document is measured by
   * walking up its ancestors. Both walks are loops, and a chain of new elements longer than the
   * limit is refused before it is walked further.
   */
  private depthOf(type: Shared, viaItem: Y.Item | undefined): number {
    const pending: Shared[] = [];
    let current = type;
    let via = viaItem;
    let base: number;
    for (;;) {
      const known = this.depths.get(current);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (!via) {
        base = this.depthInDoc(current);
        break;
      }
      pending.push(current);
      if (pending.length > this.limits.maxDepth) throw new Refusal('limit', `The article body cannot be nested more than ${this.limits.maxDepth} levels deep.`);
      const parent = this.parentOf(via);
      if (parent.kind === 'dropped') {
        base = 0;
        break;
      }
      current = parent.kind === 'root' ? this.root(parent.name) : parent.type;
      via = parent.kind === 'type' ? parent.viaItem : undefined;
    }
    for (let i = pending.length - 1, depth = base + 1; i >= 0; i--, depth++) this.depths.set(pending[i]!, depth);
    return this.depths.get(type) ?? base;
  }

  private depthInDoc(type: Shared): number {
    let depth = 0;
    let cur: unknown = type;
    while (cur instanceof Y.AbstractType && cur !== this.body) {
      depth++;
      cur = cur._item?.parent;
    }
    this.depths.set(type, depth);
    return depth;
  }

  /** A text field may not grow past `max` characters (what this update deletes of it counts). */
  private checkLength(text: Y.Text, added: number, max: number, what: string): void {
    if (added === 0) return;
    const after = text.length + added - this.deletedFrom(text);
    if (after > max) throw new Refusal('limit', `${what} can have at most ${max} characters.`);
  }

  /** Characters of `text` still visible that this update deletes. */
  private deletedFrom(text: Y.Text): number {
    let count = 0;
    for (const [client, ranges] of this.decoded.ds.clients) {
      const structs = this.store.clients.get(client);
      if (!structs) continue;
      for (const { clock, len } of ranges) {
        const end = clock + len;
        const state = Y.getState(this.store, client);
        if (clock >= state) continue;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const s = structs[i]!;
          if (s.id.clock >= end) break;
          if (s instanceof Y.Item && !s.deleted && s.countable && s.parent === text) {
            count += Math.min(end, s.id.clock + s.length) - Math.max(clock, s.id.clock);
          }
        }
      }
    }
    return count;
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}
