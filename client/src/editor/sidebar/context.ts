/**
 * What every sidebar panel gets: the one prop `ctx`. Panels read the article and permissions
 * from here (never fetch them themselves) and call `refresh()` after changing something the
 * server owns, so the bar, the banner and the other panels follow.
 */
import type { ArticlePermissions, ArticleSummary } from '@copydesk/shared';
import type { Editor } from '@tiptap/vue-3';
import type { Ref, ShallowRef } from 'vue';
import type * as Y from 'yjs';

export interface SidebarContext {
  articleId: string;
  /** The server's summary of the article; undefined until it first loads. */
  article: Readonly<Ref<ArticleSummary | undefined>>;
  /** What the signed-in person may do now; undefined until it first loads. */
  permissions: Readonly<Ref<ArticlePermissions | undefined>>;
  /** The body's TipTap editor; undefined until mounted. */
  editor: ShallowRef<Editor | undefined>;
  /** The article's Y.Doc (body, headline, dek). */
  doc: Y.Doc;
  /** Asks the server again for the article and permissions. */
  refresh(): Promise<void>;
}
