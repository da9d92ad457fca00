/** 待办 the officer's to-do list on the home page (工作台): what waits for them, each with a link to the filtered page. */
const zh = {
  todo: {
    title: '待办事项',
    subtitle: '需要您处理的事项，点击进入对应的筛选列表',
    loadFailed: '待办事项加载失败',
    allClear: '暂无待办事项',
    dueSummary: {
      title: '跟踪到期',
      subtitle: '监测时限、安置回访、返乡和毕业生计划：已逾期和待办的事项，按乡镇',
      loadFailed: '到期事项加载失败',
      overdue: '已逾期 {count} 项',
      due: '待办 {count} 项',
      empty: '没有待跟踪的事项',
      township: '乡镇',
      overdueHead: '已逾期',
      dueHead: '待办',
    },
    capped: '{count}+',
    open: '查看 {label}',
    kind: {
      certificatesToVerify: '待核验证书',
      claimsToCheck: '待复核补贴申请（他人经办）',
      noticesEnding: '7 天内公示期满的批次',
      batchesToPay: '公示期满待支付的批次',
      pendingChanges: '待确认的家庭信息变更',
      recordProblems: '待更正记录',
      staleDifficulties: '超过 7 天未办结的困难诉求',
      idleSeekers: '30 天无申请、无安置的求职者',
    },
    filter: {
      notMine: '只看他人经办',
      batches: { ready: '公示期满待支付的批次', ending: '7 天内公示期满的批次' },
      noBatches: '没有符合条件的批次',
      olderThan: '提交超过 {days} 天',
      idle: '{days} 天无申请、无安置的求职者',
    },
    homeTitle: '工作台',
    homeSubtitle: '今天要处理的事',
  },
}

const en: typeof zh = {
  todo: {
    title: 'To-do',
    subtitle: 'What waits for you; each item opens the list filtered to it',
    loadFailed: 'The to-do list could not be loaded',
    allClear: 'Nothing waiting',
    dueSummary: {
      title: 'Follow-up due',
      subtitle: 'Case clocks, checks after placement, returnees’ and graduates’ plans: overdue and due, by township',
      loadFailed: 'Due items could not be loaded',
      overdue: '{count} overdue',
      due: '{count} due',
      empty: 'Nothing to follow up',
      township: 'Township',
      overdueHead: 'Overdue',
      dueHead: 'Due',
    },
    capped: '{count}+',
    open: 'Open {label}',
    kind: {
      certificatesToVerify: 'Certificates to verify',
      claimsToCheck: 'Claims to check (made by others)',
      noticesEnding: 'Notices ending within 7 days',
      batchesToPay: 'Batches ready to pay',
      pendingChanges: 'Household changes to confirm',
      recordProblems: 'Records to correct',
      staleDifficulties: 'Difficulties open over 7 days',
      idleSeekers: 'Seekers with no application or placement for 30 days',
    },
    filter: {
      notMine: 'Made by others only',
      batches: { ready: 'Batches ready to pay', ending: 'Notices ending within 7 days' },
      noBatches: 'No batches match',
      olderThan: 'Reported over {days} days ago',
      idle: 'No application or placement for {days} days',
    },
    homeTitle: 'Home',
    homeSubtitle: 'Today’s work',
  },
}

export default { 'zh-CN': zh, en }
