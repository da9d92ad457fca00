/** 人岗匹配 matching: officer match runs (progress, proposals, summary, publish). Keys live under their own top-level names so modules never overwrite each other. */
const zh = {}

const en: typeof zh = {}

export default { 'zh-CN': zh, en }
