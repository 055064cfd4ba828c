import { bodyOf } from '@copydesk/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAnchor, resolveAnchor } from './anchor.js';
import { find, paragraphText, render, twoReplicas } from './test-support.js';

/** The text an anchor covers in a replica now (after rebuilding its document, as the editor does). */
function anchoredText(doc: Y.Doc, anchor: { from: string; to: string }): string | null {
  const { pm, binding } = render(doc);
  const range = resolveAnchor(binding, anchor, pm.content.size);
  return range && pm.textBetween(range.from, range.to, '\n');
}

describe('comment anchors', () => {
  it('round-trip: the anchor of a selection resolves to the same positions', () => {
    const { a } = twoReplicas(['The mayor said the budget is balanced.']);
    const { pm, binding } = render(a);
    const words = find(pm, 'budget');
    const anchor = encodeAnchor(binding, words.from, words.to);
    expect(anchor.from).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(resolveAnchor(binding, anchor, pm.content.size)).toEqual(words);
  });

  it('works on the first word of the article, even after text is typed before it', () => {
    const { a, b } = twoReplicas(['Council approves the budget.']);
    const { pm, binding } = render(a);
    const words = find(pm, 'Council');
    expect(words.from).toBe(1);
    const anchor = encodeAnchor(binding, words.from, words.to);
    expect(resolveAnchor(binding, anchor, pm.content.size)).toEqual(words);
    paragraphText(b, 0).insert(0, 'City ');
    expect(anchoredText(a, anchor)).toBe('Council');
  });

  it('stays on its words while another replica edits before, at both edges, and after them', () => {
    const { a, b } = twoReplicas(['The mayor said the budget is balanced.', 'Critics disagree.']);
    const { pm, binding } = render(a);
    const words = find(pm, 'budget');
    const anchor = encodeAnchor(binding, words.from, words.to);

    const t = paragraphText(b, 0);
    t.insert(0, 'Breaking: ');
    t.insert(t.toString().indexOf('budget'), 'city ');
    t.insert(t.toString().indexOf('budget') + 'budget'.length, 'ary');
    t.insert(t.length, ' Really.');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('A new lead paragraph.')]);
    bodyOf(b).insert(0, [p]);

    expect(paragraphText(a, 1).toString()).toBe('Breaking: The mayor said the city budgetary is balanced. Really.');
    expect(anchoredText(a, anchor)).toBe('budget');
    expect(anchoredText(b, anchor)).toBe('budget');
  });

  it('grows with text typed inside the passage', () => {
    const { a, b } = twoReplicas(['Council approves budget plan today.']);
    const { pm, binding } = render(a);
    const words = find(pm, 'budget plan');
    const anchor = encodeAnchor(binding, words.from, words.to);
    const t = paragraphText(b, 0);
    t.insert(t.toString().indexOf(' plan'), ' and housing');
    expect(anchoredText(a, anchor)).toBe('budget and housing plan');
  });

  it('spans paragraphs', () => {
    const { a, b } = twoReplicas(['First paragraph ends here.', 'Second one starts here.']);
    const { pm, binding } = render(a);
    const anchor = encodeAnchor(binding, find(pm, 'ends').from, find(pm, 'Second').to);
    paragraphText(b, 0).insert(0, 'Now: ');
    expect(anchoredText(a, anchor)).toBe('ends here.\nSecond');
  });

  it('resolves to nothing once its words are deleted, or for garbage', () => {
    const { a, b } = twoReplicas(['Delete the disputed words please.']);
    const { pm, binding } = render(a);
    const words = find(pm, 'disputed words');
    const anchor = encodeAnchor(binding, words.from, words.to);
    const t = paragraphText(b, 0);
    t.delete(t.toString().indexOf('disputed'), 'disputed words '.length);
    expect(paragraphText(a, 0).toString()).toBe('Delete the please.');
    expect(anchoredText(a, anchor)).toBeNull();
    expect(resolveAnchor(render(a).binding, { from: 'AAAA', to: '!!' }, 100)).toBeNull();
  });

  it('is null in a replica that has not received the commented text yet', () => {
    const { a } = twoReplicas(['Only here.']);
    const { pm, binding } = render(a);
    const anchor = encodeAnchor(binding, find(pm, 'here').from, find(pm, 'here').to);
    const stranger = new Y.Doc();
    expect(anchoredText(stranger, anchor)).toBeNull();
  });
});
