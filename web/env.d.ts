/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

// Element Plus's option component by its file (src/element-deferred/option.ts): the same component as
// `ElOption`, without the select module that also exports it.
declare module 'element-plus/es/components/select/src/option2.mjs' {
  import type { ElOption } from 'element-plus'
  const option: typeof ElOption
  export default option
}
