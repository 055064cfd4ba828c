/** How a version is named in the list: its name, or what made it ("Submitted for review", "Autosave"). */
import type { VersionInfo } from '../api/versions.js';

const ACTION_LABELS: Record<string, string> = {
  submit: 'Submitted for review',
  request_changes: 'Changes requested',
  approve: 'Approved',
  reopen: 'Reopened as draft',
  schedule: 'Scheduled',
  publish: 'Published',
  update: 'Update published',
  unpublish: 'Unpublished',
};

export function versionLabel(v: Pick<VersionInfo, 'kind' | 'name' | 'action'>): string {
  switch (v.kind) {
    case 'named':
    case 'restore':
      return v.name || (v.kind === 'restore' ? 'Restored' : 'Saved version');
    case 'auto':
      return 'Autosave';
    case 'transition':
      return (v.action && ACTION_LABELS[v.action]) ?? 'Workflow step';
  }
}

/** A short word for the kind, shown as a tag. */
export function kindTag(v: Pick<VersionInfo, 'kind'>): string {
  return { named: 'Saved', restore: 'Restore', auto: 'Auto', transition: 'Workflow' }[v.kind];
}

/** The tag's colour, a tone class of styles.css (autosaves stay grey). */
export function kindTone(v: Pick<VersionInfo, 'kind'>): string | undefined {
  return { named: 'tone-accent', restore: 'tone-warn', auto: undefined, transition: 'tone-ok' }[v.kind];
}
