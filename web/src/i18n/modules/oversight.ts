/** 政策与审计: the admin's policy editor and the auditor's read-only pages. Keys live under their own top-level names so modules never overwrite each other. */
const zh = {}

const en: typeof zh = {}

export default { 'zh-CN': zh, en }
