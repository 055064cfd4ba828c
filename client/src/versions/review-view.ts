/** What the review dialog shows: one version, or the changes between two points of an article's life. */

export interface VersionRef {
  n: number;
  label: string;
}

export type ReviewView =
  | { kind: 'preview'; version: VersionRef }
  | { kind: 'compare'; title: string; from: VersionRef; to: VersionRef | 'current' }
  | { kind: 'revisions'; from: number; to: number };

/** "Version 3 · Submitted for review" */
export const refText = (v: VersionRef | 'current'): string => (v === 'current' ? 'The text now' : `Version ${v.n} · ${v.label}`);
