/**
 * Who made a change to a room's Y.Doc (the Yjs transaction origin). It decides what happens to
 * the change: a peer's is checked, stored, relayed to the others and confirmed to the peer; the
 * server's own (a restore) is stored and sent to everyone; another node's is already stored, so
 * it is only sent to this node's peers; what was read at load is nobody's news.
 */
import type { Peer } from './room.js';

/** Read from the database while the room loads: already stored, nobody to tell. */
export const LOADING = Symbol('loading');
/** Another node accepted it, or it was read back from the database: stored already. */
export const REMOTE = Symbol('remote');
/** Made by the server itself (restores, and other changes through Collab.withDoc/editDoc). */
export const SERVER = Symbol('server');

export type Origin = Peer | typeof LOADING | typeof REMOTE | typeof SERVER;
