/** The client's pages: the desk, one article's editor, and a page for everything else. */
import { createRouter, createWebHistory } from 'vue-router';
import DeskPage from './desk/DeskPage.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'desk', component: DeskPage },
    {
      path: '/articles/:id',
      name: 'article',
      component: () => import('./editor/EditorPage.vue'),
      props: true,
    },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./app/NotFoundPage.vue') },
  ],
});
