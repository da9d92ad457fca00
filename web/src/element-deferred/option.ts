// The option component alone, without Element Plus's select module (which exports both): the filters'
// options can then be written on the landing page while the select itself loads on first use
// (components/DeferredSelect.vue). Its styles come with the select's.
export { default as ElOption } from 'element-plus/es/components/select/src/option2.mjs'
