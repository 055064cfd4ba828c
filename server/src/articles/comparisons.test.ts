import { afterEach, describe, expect, it } from 'vitest';
import type { DiffPart } from '@copydesk/shared';
import { Comparisons, type CompareLimits } from './comparisons.js';

const open: Comparisons[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

function comparisons(limits: Partial<CompareLimits> = {}): Comparisons {
  const c = new Comparisons({ maxWords: 20_000, ...limits });
  open.push(c);
  return c;
}

const texts = (body: string, headline = 'Ferries', dek = '') => ({ headline, dek, body });

/** `n` words no other call repeats (a different `seed`, different words). */
function words(n: number, seed: string): string {
  return Array.from({ length: n }, (_, i) => `${seed}${i.toString(36)}`).join(' ');
}

/** Paragraphs of `per` words, blank lines between them, as the body is compared. */
function paragraphs(count: number, per: number, seed: string): string[] {
  return Array.from({ length: count }, (_, i) => words(per, `${seed}${i}x`));
}

const removed = (parts: DiffPart[]) => parts.filter((p) => p.removed).map((p) => p.value);
const added = (parts: DiffPart[]) => parts.filter((p) => p.added).map((p) => p.value);
const kept = (parts: DiffPart[]) => parts.filter((p) => !p.added && !p.removed && p.value.trim() !== '').map((p) => p.value);

describe('Comparisons', () => {
  it('shows a changed figure as the whole old figure and the whole new one', async () => {
    const c = await comparisons().compare(texts('Repairs cost 4.2 million euros.'), texts('Repairs cost 4.27 million euros.'));
    expect(c.body).toEqual([{ value: 'Repairs cost ' }, { value: '4.2', removed: true }, { value: '4.27', added: true }, { value: ' million euros.' }]);
    expect(c.headline).toEqual([{ value: 'Ferries' }]);
    expect(c.dek).toEqual([]);
    expect(c.changed).toBe(true);
    expect(c.coarse).toBe(false);
  });

  it('keeps contractions whole, and leaves unchanged text as one part', async () => {
    const differ = comparisons();
    const c = await differ.compare(texts("They don't agree."), texts('They do not agree.'));
    expect(c.body).toEqual([{ value: 'They ' }, { value: "don't", removed: true }, { value: 'do not', added: true }, { value: ' agree.' }]);
    const same = await differ.compare(texts('Same words.'), texts('Same words.'));
    expect(same.body).toEqual([{ value: 'Same words.' }]);
    expect(same.changed).toBe(false);
  });

  it('compares a long text word by word when few words changed', async () => {
    const before = paragraphs(3, 3000, 'p').join('\n\n');
    const after = before.replace('p1x1f4', 'changed');
    const c = await comparisons().compare(texts(before), texts(after));
    expect(c.coarse).toBe(false);
    expect(removed(c.body)).toEqual(['p1x1f4']);
    expect(added(c.body)).toEqual(['changed']);
    expect(c.body.filter((p) => !p.added).map((p) => p.value).join('')).toBe(before);
    expect(c.body.filter((p) => !p.removed).map((p) => p.value).join('')).toBe(after);
  });

  it('compares two long, wholly different texts by paragraph, keeping the paragraphs both share', async () => {
    const shared = words(50, 'same');
    const before = [shared, ...paragraphs(40, 100, 'old')];
    const after = [shared, ...paragraphs(40, 100, 'new')];
    const c = await comparisons().compare(texts(before.join('\n\n')), texts(after.join('\n\n')));
    expect(c.coarse).toBe(true);
    expect(c.changed).toBe(true);
    expect(kept(c.body)).toEqual([shared]);
    expect(removed(c.body).join('\n\n')).toBe(before.slice(1).join('\n\n'));
    expect(added(c.body).join('\n\n')).toBe(after.slice(1).join('\n\n'));
    // Every block stays a block: a blank line between the kept, removed and added runs.
    expect(c.body.map((p) => p.value === '\n\n')).toEqual([false, true, false, true, false]);
  });

  it('compares texts longer than maxWords by paragraph without trying words', async () => {
    const c = await comparisons({ maxWords: 5 }).compare(
      texts('One two three four five six.\n\nSeven eight.'),
      texts('One two three four five SIX.\n\nSeven eight.'),
    );
    expect(c.coarse).toBe(true);
    expect(c.body).toEqual([
      { value: 'One two three four five six.', removed: true },
      { value: '\n\n' },
      { value: 'One two three four five SIX.', added: true },
      { value: '\n\n' },
      { value: 'Seven eight.' },
    ]);
  });

  it('answers coarsely at once when the queue is full, and the running comparison still completes', async () => {
    const differ = comparisons({ maxWaiting: 1 });
    const order: string[] = [];
    const big = differ.compare(texts(words(4000, 'a')), texts(words(4000, 'b'))).then((c) => (order.push('big'), c));
    const queued = differ.compare(texts('one'), texts('two')).then((c) => (order.push('queued'), c));
    const turnedAway = await differ.compare(texts('Boats at\n\nnoon'), texts('Boats at\n\nnine'));
    order.push('turned away');
    expect(turnedAway.coarse).toBe(true);
    expect(turnedAway.body).toEqual([{ value: 'Boats at' }, { value: '\n\n' }, { value: 'noon', removed: true }, { value: '\n\n' }, { value: 'nine', added: true }]);
    expect((await big).coarse).toBe(true);
    expect((await queued).coarse).toBe(false);
    expect(order).toEqual(['turned away', 'big', 'queued']);
  });

  it('gives up on a comparison past its deadline, answers it coarsely, and carries on with a new worker', async () => {
    // No bound on the diff itself: only the deadline stops it (a full diff would take minutes).
    const differ = comparisons({ maxEdits: Number.MAX_SAFE_INTEGER, wordsMs: Number.MAX_SAFE_INTEGER, deadlineMs: 2000 });
    const slow = await differ.compare(texts(words(20_000, 'a')), texts(words(20_000, 'b')));
    expect(slow.coarse).toBe(true);
    expect(removed(slow.body)).toEqual([words(20_000, 'a')]);
    expect(added(slow.body)).toEqual([words(20_000, 'b')]);
    const next = await differ.compare(texts('Boats at noon'), texts('Boats at nine'));
    expect(next.coarse).toBe(false);
    expect(removed(next.body)).toEqual(['noon']);
  });
});
