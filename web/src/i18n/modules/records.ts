/** 证书、培训、雨露计划 officer pages: certificates with verification, training records, Yulu terms. Keys live under their own top-level names so modules never overwrite each other. */
const zh = {}

const en: typeof zh = {}

export default { 'zh-CN': zh, en }
