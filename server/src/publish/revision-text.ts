/**
 * A body as comparable text (shared/comparable.ts: headings, lists, quotes and links kept), for
 * comparing revisions with each other and the live revision with the draft.
 */
import { comparableBody, type PMNode } from '@copydesk/shared';

/** `json` is a revision's stored ProseMirror JSON, or a freshly rendered body's. */
export function revisionBody(revision: { json: unknown }): string {
  const json = revision.json;
  return json && typeof json === 'object' && typeof (json as PMNode).type === 'string' ? comparableBody(json as PMNode) : '';
}
