import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const server = 'http://localhost:3000';

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: {
      '/api': server,
      '/healthz': server,
      '/collab': { target: server, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The editor route's chunk carries ProseMirror, Yjs and TipTap (~190 kB gzipped); the desk
    // does not load it.
    chunkSizeWarningLimit: 800,
  },
});
