/**
 * What an update holds, decided without applying it. A new reader answers the server's sync
 * request with an empty update; a read-only connection that has a copy of its own answers with
 * its whole delete set and whatever structs the server lacks. When that is nothing new, it is
 * not an edit to refuse (and is confirmed like any other, see receipts.ts).
 */
import * as Y from 'yjs';

type DeleteRange = { clock: number; len: number };

/** An update with no structs and no deletions (what a client that has nothing new sends). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/** True when every struct of `update` is already in `doc` and every deletion already made. */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
  }
  const wanted = decoded.ds.clients as Map<number, DeleteRange[]>;
  if (wanted.size === 0) return true;
  const made = Y.createDeleteSetFromStructStore(doc.store).clients as Map<number, DeleteRange[]>;
  for (const [client, ranges] of wanted) {
    const have = made.get(client) ?? [];
    for (const r of ranges) if (r.len > 0 && !covered(have, r)) return false;
  }
  return true;
}

/** Whether sorted, merged ranges `have` contain all of `r`. */
function covered(have: DeleteRange[], r: DeleteRange): boolean {
  let lo = 0;
  let hi = have.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const h = have[mid]!;
    if (r.clock < h.clock) hi = mid - 1;
    else if (r.clock >= h.clock + h.len) lo = mid + 1;
    else return r.clock + r.len <= h.clock + h.len;
  }
  return false;
}
