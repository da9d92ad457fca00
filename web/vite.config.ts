import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import ElementPlus from 'unplugin-element-plus/vite'
import { defineConfig } from 'vite'
import { entryPages } from './vite-entry-pages'
import { precompileMessages } from './vite-precompile-messages'

const webRoot = fileURLToPath(new URL('.', import.meta.url))

/**
 * Chunks. Element Plus components are imported by name where they are used and unplugin-element-plus
 * adds exactly their styles, so each page brings only its own. What the first page needs from
 * node_modules (`$initial`: reachable from main.ts by static imports: Vue, vue-router, pinia, vue-i18n,
 * the few Element Plus components of the post list) is one long-cached chunk, since on a phone
 * every extra request costs a round trip; the rest splits by page on its own.
 */
const vendorGroups = [
  // Charts are drawn on a few officer pages only: ECharts and its renderer stay in their own chunks, loaded with them.
  { name: 'zrender', test: /node_modules[\\/](zrender|tslib)[\\/]/, priority: 6 },
  { name: 'echarts', test: /node_modules[\\/]echarts[\\/]/, priority: 5 },
  { name: 'framework', test: /node_modules[\\/]/, tags: ['$initial' as const], priority: 4 },
]

export default defineConfig({
  root: webRoot,
  plugins: [vue(), ElementPlus({}), precompileMessages(), entryPages()],
  define: {
    // Every component here (and in Element Plus, vue-router, pinia) is written with setup(): the
    // Options API runtime stays out of the bundle.
    __VUE_OPTIONS_API__: false,
    // vue-i18n's esm-bundler feature flags: Composition API only, no <i18n-t>/v-t (none is used), no devtools in production.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: process.env.WENGANG_API_URL ?? 'http://127.0.0.1:3001', changeOrigin: true },
    },
  },
})
