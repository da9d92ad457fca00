/** 导出 Excel from the officer's list pages: the button, its dialog, the job's progress and the link. */
const zh = {
  listExport: {
    button: '导出 Excel',
    title: '导出 Excel',
    intro: '按当前筛选条件导出「{list}」，身份证号默认打码。',
    list: {
      seekers: '一人一档名单',
      placements: '务工台账',
      certificates: '证书名单',
      proposals: '匹配建议',
      households: '户清单',
    },
    fullIds: '包含完整身份证号',
    fullIdsHint: '导出完整身份证号会逐人记入审计日志，与查看身份证号相同。',
    confirmTitle: '导出完整身份证号',
    confirmText: '文件将包含每个人的完整身份证号。本次导出及其中每个人都会记入审计日志（与查看身份证号相同）。确定导出吗？',
    confirm: '确定导出',
    start: '开始导出',
    status: {
      queued: '排队中',
      running: '正在生成',
      done: '已完成',
      failed: '导出失败',
    },
    rows: '{n} 行',
    download: '下载 {name}',
    linkHint: '下载链接短期有效，过期后请重新导出。',
    again: '重新导出',
    close: '关闭',
  },
}

const en: typeof zh = {
  listExport: {
    button: 'Export to Excel',
    title: 'Export to Excel',
    intro: 'Exports “{list}” with the filters in use; ID numbers are masked unless you ask otherwise.',
    list: {
      seekers: 'Seeker files',
      placements: 'Employment ledger',
      certificates: 'Certificates',
      proposals: 'Match proposals',
      households: 'Households',
    },
    fullIds: 'Include full ID numbers',
    fullIdsHint: 'Full ID numbers are recorded in the audit trail, person by person, as a reveal is.',
    confirmTitle: 'Export full ID numbers',
    confirmText: 'The file will hold every person’s full ID number. This export, and each person in it, is recorded in the audit trail (as a reveal is). Export?',
    confirm: 'Export',
    start: 'Start export',
    status: {
      queued: 'Queued',
      running: 'Writing the file',
      done: 'Done',
      failed: 'The export failed',
    },
    rows: '{n} rows | {n} row | {n} rows',
    download: 'Download {name}',
    linkHint: 'The link works for a short while; export again once it has expired.',
    again: 'Export again',
    close: 'Close',
  },
}

export default { 'zh-CN': zh, en }
