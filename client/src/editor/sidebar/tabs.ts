/**
 * The editor sidebar's tabs, in order. A feature adds a panel by adding an entry here: the
 * panel component receives one prop, `ctx` (./context.ts). Panels load lazily, so a tab that is
 * never opened costs nothing.
 */
import { defineAsyncComponent, type Component } from 'vue';
import { openThreadCount } from '../../comments/use-comments.js';
import type { SidebarContext } from './context.js';

export interface SidebarTab {
  /** Stable id: `data-testid="sidebar-tab-<id>"`, and remembered as the open tab. */
  id: string;
  label: string;
  /** A component whose only prop is `ctx: SidebarContext`. */
  component: Component;
  /** A short count or word shown on the tab (e.g. open comments); nothing when undefined. */
  badge?: (ctx: SidebarContext) => string | number | undefined;
}

export const sidebarTabs: SidebarTab[] = [
  {
    id: 'details',
    label: 'Details',
    component: defineAsyncComponent(() => import('./DetailsPanel.vue')),
  },
  {
    id: 'comments',
    label: 'Comments',
    component: defineAsyncComponent(() => import('../../comments/CommentsPanel.vue')),
    badge: (ctx) => openThreadCount(ctx.articleId),
  },
  {
    id: 'versions',
    label: 'Versions',
    component: defineAsyncComponent(() => import('../../versions/VersionsPanel.vue')),
  },
  {
    id: 'history',
    label: 'History',
    component: defineAsyncComponent(() => import('./HistoryPanel.vue')),
  },
];
