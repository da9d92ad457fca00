import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

const webRoot = fileURLToPath(new URL('.', import.meta.url))

/**
 * Big, rarely-changing libraries get their own long-cached chunks. Element Plus components are
 * imported where they are used (styles in src/element-styles.ts), so every chunk stays well under
 * the 500 kB warning.
 */
// A group takes the modules it imports along with it, so the libraries everything else depends on (Vue)
// must be claimed first: higher priority wins.
const vendorGroups = [
  // Charts are drawn on a few officer pages only: ECharts and its renderer stay in their own chunks, loaded with them.
  { name: 'zrender', test: /node_modules[\\/](zrender|tslib)[\\/]/, priority: 6 },
  { name: 'echarts', test: /node_modules[\\/]echarts[\\/]/, priority: 5 },
  { name: 'vue', test: /node_modules[\\/](vue|@vue|vue-router|pinia)[\\/]/, priority: 4 },
  { name: 'i18n', test: /node_modules[\\/](vue-i18n|@intlify)[\\/]/, priority: 3 },
  { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@vueuse|@floating-ui|@popperjs|@ctrl|async-validator|lodash-es|lodash-unified|dayjs|memoize-one|normalize-wheel-es)[\\/]/, priority: 2 },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
]

export default defineConfig({
  root: webRoot,
  plugins: [vue()],
  define: {
    // vue-i18n's esm-bundler feature flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
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
