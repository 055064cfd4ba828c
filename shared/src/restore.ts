/**
 * Restoring a body: makes a live Y.XmlFragment say what another (a version's) says with the
 * fewest changes, the way y-tiptap writes an editor's own edits (`updateYFragment`). Blocks
 * that stay keep their identity and only their changed text is replaced, so words someone types
 * into them while the restore travels to their editor survive it (a restore that deleted every
 * block and inserted copies would delete those words with the old blocks), and comments
 * anchored to unchanged words stay anchored.
 */
import { updateYFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { fragmentToJSON } from './doc.js';
import { sanitizeBody } from './sanitize.js';
import { articleSchema } from './schema.js';

/** Makes `target` (in a Y.Doc) say what `source` says; the source is cleaned for the schema first. */
export function restoreFragment(target: Y.XmlFragment, source: Y.XmlFragment): void {
  if (!target.doc) throw new Error('restoreFragment needs a fragment that is in a document');
  const node = articleSchema().nodeFromJSON(sanitizeBody(fragmentToJSON(source)));
  updateYFragment(target.doc, target, node, { mapping: new Map(), isOMark: new Map() });
}
