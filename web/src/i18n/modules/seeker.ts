/** 求职者与车间负责人: recommendations on the seeker home, candidates for an owner's post, my certificates and subsidies. Keys live under their own top-level names so modules never overwrite each other. */
const zh = {}

const en: typeof zh = {}

export default { 'zh-CN': zh, en }
