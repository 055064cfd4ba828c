/**
 * How the History tab words one audit entry: what happened ("Submitted for review",
 * "Changed the slug and tags", "Assigned Ada Lovelace") and the state change it made.
 */
import { ACTIONS, STATE_LABELS, STATES, type ArticleState, type WorkflowAction } from '@copydesk/shared';
import type { AuditEntry } from '../../api/workflow.js';
import { formatWhen } from '../../app/datetime-local.js';

/** What was done, in the past tense (the buttons say ACTION_LABELS). */
const DONE: Record<WorkflowAction, string> = {
  submit: 'Submitted for review',
  request_changes: 'Requested changes',
  approve: 'Approved',
  reopen: 'Reopened as draft',
  schedule: 'Scheduled',
  publish: 'Published',
  update: 'Published an update',
  unpublish: 'Unpublished',
};

const FIELD_NAMES: Record<string, string> = {
  slug: 'slug',
  section: 'section',
  tags: 'tags',
  byline: 'byline',
  seoDescription: 'SEO description',
  publishAt: 'publish time',
};

/** "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function isAction(value: string): value is WorkflowAction {
  return (ACTIONS as readonly string[]).includes(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function people(ids: string[], names: ReadonlyMap<string, string>): string {
  const known = ids.map((id) => names.get(id)).filter((n): n is string => n !== undefined);
  const unknown = ids.length - known.length;
  if (unknown > 0) known.push(unknown === 1 ? (known.length ? '1 other' : 'someone') : `${unknown} ${known.length ? 'others' : 'people'}`);
  return listWords(known);
}

const quoted = (tags: string[]) => listWords(tags.map((t) => `“${t}”`));

/**
 * "Added the tags “flood” and “rain”; removed “typo”" for an entry that changed only the tags
 * and says which (the server folds a run of them into one entry); undefined otherwise.
 */
function tagChanges(data: Record<string, unknown>): string | undefined {
  const fields = stringList(data.fields);
  if (fields.length !== 1 || fields[0] !== 'tags' || !Array.isArray(data.added)) return undefined;
  const added = stringList(data.added);
  const removed = stringList(data.removed);
  const parts: string[] = [];
  if (added.length) parts.push(`added ${added.length === 1 ? 'the tag' : 'the tags'} ${quoted(added)}`);
  if (removed.length) parts.push(`removed ${parts.length ? '' : added.length === 0 && removed.length === 1 ? 'the tag ' : 'the tags '}${quoted(removed)}`);
  const text = parts.join('; ') || 'changed the tags';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the entry did, as a short sentence without the actor. */
export function auditTitle(entry: AuditEntry, names: ReadonlyMap<string, string> = new Map()): string {
  const { action, data } = entry;
  if (isAction(action)) {
    if (action === 'publish' && entry.actor === null) return 'Published on schedule';
    if (action === 'schedule' && typeof data.publishAt === 'string') return `Scheduled for ${formatWhen(data.publishAt)}`;
    return DONE[action];
  }
  switch (action) {
    case 'create':
      return 'Created the article';
    case 'metadata': {
      const tags = tagChanges(data);
      if (tags) return tags;
      const fields = stringList(data.fields).map((f) => FIELD_NAMES[f] ?? f);
      return fields.length ? `Changed the ${listWords(fields)}` : 'Changed the details';
    }
    case 'assign': {
      const added = stringList(data.added);
      const removed = stringList(data.removed);
      const parts: string[] = [];
      if (added.length) parts.push(`assigned ${people(added, names)}`);
      if (removed.length) parts.push(`unassigned ${people(removed, names)}`);
      const text = parts.join('; ') || 'changed the assignees';
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    case 'version':
      return typeof data.name === 'string' && data.name ? `Saved version “${data.name}”` : 'Saved a version';
    case 'restore':
      return typeof data.restored === 'number' ? `Restored version ${data.restored}` : 'Restored a version';
    case 'reply':
      return 'Added a note to the review';
    default:
      return action.charAt(0).toUpperCase() + action.slice(1).replace(/_/g, ' ');
  }
}

function isState(value: string | null): value is ArticleState {
  return value !== null && (STATES as readonly string[]).includes(value);
}

/** "Draft → In review", or undefined when the entry did not move the article. */
export function auditMove(entry: AuditEntry): string | undefined {
  if (!isState(entry.from) || !isState(entry.to) || entry.from === entry.to) return undefined;
  return `${STATE_LABELS[entry.from]} → ${STATE_LABELS[entry.to]}`;
}
