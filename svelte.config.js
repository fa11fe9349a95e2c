import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    // server/main.ts imports build/handler.js and serves it beside the collaboration socket.
    adapter: adapter({ out: 'build' }),
    files: {
      assets: 'web/static',
      hooks: { client: 'web/hooks.client', server: 'web/hooks.server', universal: 'web/hooks' },
      lib: 'web/lib',
      params: 'web/params',
      routes: 'web/routes',
      serviceWorker: 'web/service-worker',
      appTemplate: 'web/app.html',
      errorTemplate: 'web/error.html'
    },
    alias: { $clauses: 'clauses', $exporters: 'exporters' }
  }
};
