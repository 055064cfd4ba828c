/** The webhook events in words, for checkboxes and chips. */

const LABELS: Record<string, { label: string; hint: string }> = {
  'article.published': { label: 'Published', hint: 'An article goes live for the first time.' },
  'article.updated': { label: 'Updated', hint: 'A published article is republished with changes or a correction.' },
  'article.unpublished': { label: 'Unpublished', hint: 'A published article is taken down.' },
};

export function eventLabel(event: string): string {
  return LABELS[event]?.label ?? event;
}

export function eventHint(event: string): string {
  return LABELS[event]?.hint ?? '';
}
