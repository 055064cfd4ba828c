/**
 * Constants of the collaboration wire shared by server and client: the y-websocket message
 * types, limits, and the WebSocket close codes with the sentence the editor shows for each.
 */

/** y-websocket top-level message types (y-websocket/src/y-websocket.js). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Copydesk's own, server to client: "of the updates you sent on this socket, the first N are
   * stored" (a varuint N). Sent only to clients that ask for it with `?saved=1` (stock
   * y-websocket clients log unknown types as errors); see save-receipts.ts.
   */
  saved: 100,
} as const;

/** y-protocols/sync sub-types. */
export const SyncType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** The path of the WebSocket endpoint: the server mounts it, the editor's provider connects to it. */
export const COLLAB_PATH = '/collab';

export const CloseCode = {
  /**
   * The connection became writable again after some of its changes were refused while it was
   * read-only: reconnecting lets the normal sync bring both sides up to date.
   */
  resync: 4000,
  /** The server is shutting down or restarting; the client reconnects. */
  goingAway: 1001,
  /** A frame over the size limit (ws raises this itself). */
  tooLarge: 1009,
  /** The frame could not be decoded, or carried an update Yjs cannot apply. */
  malformed: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  /** An update that does not fit the article (an unknown node, an unsafe link…) was refused. */
  refused: 4422,
  rateLimited: 4429,
  /** This person already has as many articles (or connections) open as one person may. */
  tooManyOpen: 4430,
  serverError: 4500,
  /** The server has too many open documents to load another one. */
  overloaded: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const closeReasons: Record<number, string> = {
  [CloseCode.resync]: 'You can edit again. Bringing your copy up to date…',
  [CloseCode.goingAway]: 'The server is restarting. Reconnecting…',
  [CloseCode.tooLarge]: 'A change was too large to send. Try pasting less at once.',
  [CloseCode.malformed]: 'The server could not read a message from this editor. Reconnecting…',
  [CloseCode.unauthorized]: 'Your session has ended. Sign in again to keep editing.',
  [CloseCode.forbidden]: 'You do not have access to this article.',
  [CloseCode.notFound]: 'This article does not exist.',
  [CloseCode.refused]: 'The server refused a change that does not fit the article. Reconnecting…',
  [CloseCode.rateLimited]: 'Too many changes too quickly. Reconnecting…',
  [CloseCode.tooManyOpen]: 'You have too many articles open. Close some tabs; this one reconnects when you do.',
  [CloseCode.serverError]: 'The server hit an error. Reconnecting…',
  [CloseCode.overloaded]: 'The server is busy. Reconnecting…',
};

/** A sentence for the person at the editor, for a close code. */
export function describeClose(code: number): string | undefined {
  return closeReasons[code];
}

/** Close codes after which reconnecting cannot help (the editor stops retrying). */
export function isFatalClose(code: number): boolean {
  return code === CloseCode.unauthorized || code === CloseCode.forbidden || code === CloseCode.notFound;
}

export const Limits = {
  /** Largest WebSocket frame accepted, in bytes. */
  maxMessageBytes: 2 * 1024 * 1024,
  /** Default sustained messages per second one connection may send (server setting). */
  messagesPerSecond: 200,
  /** Default burst above the sustained rate (server setting). */
  messageBurst: 1000,
  /** Longest awareness state (a person's caret and name, as JSON) the server relays. */
  awarenessStateChars: 16 * 1024,
  /** Awareness client ids one connection may speak for (an editor tab uses one). */
  awarenessIdsPerConnection: 4,
} as const;
