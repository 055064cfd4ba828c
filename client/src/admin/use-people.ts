/**
 * The People page's list: loaded once when the page opens, kept in order by name, and updated
 * in place with what the server answers to each change (so the table shows the server's truth).
 */
import type { PublicUser } from '@copydesk/shared';
import { ref, shallowRef, type Ref } from 'vue';
import { errorMessage } from '../api/error-message.js';
import { createUser, listUsers, updateUser, type NewPerson, type PersonPatch } from '../api/users.js';

export interface UsePeople {
  people: Readonly<Ref<PublicUser[] | undefined>>;
  loading: Readonly<Ref<boolean>>;
  /** Why the list could not be loaded. */
  error: Readonly<Ref<string | undefined>>;
  refresh: () => Promise<void>;
  /** Throws the server's `ApiError` (e.g. `email_taken`) for the form to show. */
  create: (input: NewPerson) => Promise<PublicUser>;
  /** Throws the server's `ApiError` (e.g. `last_admin`) for the row to show. */
  update: (id: string, patch: PersonPatch) => Promise<PublicUser>;
}

const byName = (a: PublicUser, b: PublicUser) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email);

export function usePeople(): UsePeople {
  const people = shallowRef<PublicUser[]>();
  const loading = ref(false);
  const error = ref<string>();

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      people.value = (await listUsers()).sort(byName);
      error.value = undefined;
    } catch (e) {
      error.value = errorMessage(e, 'The list of people could not be loaded.');
    } finally {
      loading.value = false;
    }
  }

  function put(user: PublicUser): PublicUser {
    const others = (people.value ?? []).filter((p) => p.id !== user.id);
    people.value = [...others, user].sort(byName);
    return user;
  }

  void refresh();
  return {
    people,
    loading,
    error,
    refresh,
    create: async (input) => put(await createUser(input)),
    update: async (id, patch) => put(await updateUser(id, patch)),
  };
}
