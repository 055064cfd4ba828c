/**
 * Saving the Details form one field at a time: each field has a draft that follows the server's
 * value until the person edits it, and a save state ("Saving…", "Saved", or the server's
 * refusal) shown beside it. Saved values come back through `ctx.refresh()`.
 */
import { reactive, ref, watch, type Ref } from 'vue';
import { updateArticle, type ArticlePatch } from '../../../api/articles.js';
import { errorMessage } from '../../../api/error-message.js';
import type { SidebarContext } from '../context.js';

export type SaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'error'; message: string };

export interface MetaSave {
  /** Each field's save state, by field name. */
  states: Record<string, SaveState>;
  /** Saves `patch` for `field`; true when the server took it. */
  save(field: string, patch: ArticlePatch): Promise<boolean>;
  /** Saves `field` with a request of its own (adding a co-writer); true when the server took it. */
  run(field: string, change: () => Promise<unknown>): Promise<boolean>;
  /** The person edited `field` again: forget "Saved" and any error. */
  touch(field: string): void;
  /** Shows a problem found before asking the server. */
  fail(field: string, message: string): void;
}

export function useMetaSave(ctx: SidebarContext): MetaSave {
  const states = reactive<Record<string, SaveState>>({});

  const save = (field: string, patch: ArticlePatch) => run(field, () => updateArticle(ctx.articleId, patch));

  async function run(field: string, change: () => Promise<unknown>): Promise<boolean> {
    states[field] = { state: 'saving' };
    try {
      await change();
      await ctx.refresh();
      states[field] = { state: 'saved' };
      return true;
    } catch (e) {
      states[field] = { state: 'error', message: errorMessage(e, 'Not saved. Try again.') };
      return false;
    }
  }

  return {
    states,
    save,
    run,
    touch: (field) => void (states[field] = { state: 'idle' }),
    fail: (field, message) => void (states[field] = { state: 'error', message }),
  };
}

export interface Draft {
  value: Ref<string>;
  /** The person changed the value: stop following the server's until saved or reverted. */
  edited(): void;
  /** Whether the value differs from the server's. */
  changed(): boolean;
  /** Follow the server's value again. */
  settle(): void;
}

/** A field's text, following `source` (the server's value) while the person is not editing it. */
export function useDraft(source: () => string): Draft {
  const value = ref(source());
  let editing = false;
  watch(source, (next) => {
    if (!editing) value.value = next;
  });
  return {
    value,
    edited: () => void (editing = true),
    changed: () => value.value.trim() !== source().trim(),
    settle: () => {
      editing = false;
      value.value = source();
    },
  };
}
