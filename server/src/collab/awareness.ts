/**
 * Presence is the server's word, not the client's: every awareness state a connection sends
 * is stamped with its account's name and colour, and a connection may speak only for the
 * awareness client ids it introduced itself (it cannot overwrite or remove someone else's).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ProtocolError } from './protocol.js';

export interface PresenceIdentity {
  id: string;
  name: string;
  color: string;
}

/**
 * Returns the update with foreign client ids dropped and each state's `user` replaced by
 * `identity`; null when nothing is left. `ownerOf` says which connection owns a client id.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  identity: PresenceIdentity,
  mayUse: (clientId: number) => boolean,
): Uint8Array | null {
  const entries: { clientId: number; clock: number; state: string }[] = [];
  try {
    const d = decoding.createDecoder(update);
    const n = decoding.readVarUint(d);
    if (n > 1000) throw new ProtocolError('too many awareness states');
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const json = decoding.readVarString(d);
      if (!mayUse(clientId)) continue;
      const state: unknown = JSON.parse(json);
      const stamped =
        state !== null && typeof state === 'object' && !Array.isArray(state)
          ? JSON.stringify({ ...(state as Record<string, unknown>), user: { ...identity } })
          : 'null';
      entries.push({ clientId, clock, state: stamped });
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError('malformed awareness update');
  }
  if (entries.length === 0) return null;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  }
  return encoding.toUint8Array(e);
}
