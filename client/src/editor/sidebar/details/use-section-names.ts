/** The names of the newsroom's sections, for the Details panel's picker (loaded once per panel). */
import { onMounted, shallowRef, type Ref } from 'vue';
import { listSections } from '../../../api/sections.js';

export function useSectionNames(): Readonly<Ref<readonly string[]>> {
  const names = shallowRef<readonly string[]>([]);
  onMounted(async () => {
    try {
      names.value = (await listSections()).map((s) => s.name);
    } catch {
      // The picker still offers the article's own section; saving says what went wrong.
    }
  });
  return names;
}
