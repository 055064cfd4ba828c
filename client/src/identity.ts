/**
 * Who the person at this browser is, until real accounts exist: a display name and a colour,
 * kept in localStorage. The editor asks `useIdentity()` for `{name, color}` and nothing else, so
 * accounts can replace this module without touching the editor.
 */
import { computed, readonly, ref, type ComputedRef, type DeepReadonly, type Ref } from 'vue';

export interface Identity {
  name: string;
  color: string;
}

/** Colours that carry white text at WCAG AA contrast and stay distinguishable from each other. */
export const IDENTITY_COLORS = [
  '#b91c1c',
  '#c2410c',
  '#a16207',
  '#4d7c0f',
  '#047857',
  '#0f766e',
  '#0369a1',
  '#1d4ed8',
  '#6d28d9',
  '#a21caf',
  '#be185d',
  '#475569',
] as const;

export const NAME_MAX = 40;

const STORAGE_KEY = 'copydesk:identity';

function randomColor(): string {
  return IDENTITY_COLORS[Math.floor(Math.random() * IDENTITY_COLORS.length)] ?? IDENTITY_COLORS[0];
}

function isIdentity(value: unknown): value is Identity {
  if (typeof value !== 'object' || value === null) return false;
  const { name, color } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    name.trim().length > 0 &&
    name.length <= NAME_MAX &&
    typeof color === 'string' &&
    (IDENTITY_COLORS as readonly string[]).includes(color)
  );
}

function load(): Identity | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isIdentity(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

const current = ref<Identity | null>(load());
const dialogOpen = ref(current.value === null);

/** Up to two initials of a display name ("Ada Lovelace" -> "AL", "ada" -> "A", "Ivo P. (desk)" -> "ID"). */
export function initials(name: string): string {
  const firsts = name
    .split(/\s+/u)
    .map((word) => word.match(/[\p{L}\p{N}]/u)?.[0])
    .filter((c): c is string => c !== undefined);
  if (firsts.length === 0) return '?';
  const last = firsts.length > 1 ? firsts[firsts.length - 1] : '';
  return `${firsts[0]}${last}`.toUpperCase();
}

export interface UseIdentity {
  identity: Readonly<Ref<DeepReadonly<Identity> | null>>;
  /** The identity to show others; a placeholder until the person has chosen a name. */
  current: ComputedRef<Identity>;
  dialogOpen: Ref<boolean>;
  save: (name: string, color?: string) => void;
}

export function useIdentity(): UseIdentity {
  return {
    identity: readonly(current),
    current: computed(() => (current.value ? { ...current.value } : { name: 'Guest', color: IDENTITY_COLORS[11] })),
    dialogOpen,
    save(name, color) {
      const next: Identity = {
        name: name.trim().slice(0, NAME_MAX),
        color: color ?? current.value?.color ?? randomColor(),
      };
      if (!isIdentity(next)) return;
      current.value = next;
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Private mode or a full quota: the name still holds for this visit.
      }
    },
  };
}

/** A colour for someone picking a name for the first time. */
export function suggestColor(): string {
  return current.value?.color ?? randomColor();
}
