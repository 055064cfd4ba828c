/** Test support: an article summary as the server sends it, with `patch` over plain defaults. */
import type { ArticleSummary } from '@copydesk/shared';

export function summary(id: string, patch: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id,
    headline: `Story ${id}`,
    dek: '',
    wordCount: 0,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    createdBy: 'ada',
    status: 'draft',
    statusChangedAt: '2026-03-01T09:00:00.000Z',
    slug: null,
    section: '',
    tags: [],
    byline: '',
    seoDescription: '',
    publishAt: null,
    assignees: [],
    openComments: 0,
    editing: [],
    scheduleFailure: null,
    unpublishedChanges: false,
    ...patch,
  };
}
