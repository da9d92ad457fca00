/** 查找人员 people search: one box for a name, pinyin, initials or a last four, and why each person was found. */
const zh = {
  peopleSearch: {
    label: '查找人员',
    placeholder: '姓名、拼音、首字母、身份证或手机后 4 位',
    latinTooShort: '拼音或首字母请至少输入 2 个字母（1 个字母会找到太多人）',
    digitsNotFour: '数字请输入身份证号或手机号的后 4 位',
    via: {
      name: '姓名匹配',
      pinyin: '拼音匹配',
      initials: '首字母匹配',
      idLast4: '身份证后 4 位',
      phoneLast4: '手机后 4 位',
    },
    exact: '完全一致',
    pickerPlaceholder: '姓名、拼音、首字母或后 4 位，留空列出本乡镇',
  },
}

const en: typeof zh = {
  peopleSearch: {
    label: 'Find people',
    placeholder: 'Name, pinyin, initials, or last 4 of ID or phone',
    latinTooShort: 'Enter at least 2 letters of pinyin or initials (one letter finds too many people)',
    digitsNotFour: 'Digits search the last 4 of the ID number or phone: enter exactly 4',
    via: {
      name: 'Name',
      pinyin: 'Pinyin',
      initials: 'Initials',
      idLast4: 'Last 4 of ID',
      phoneLast4: 'Last 4 of phone',
    },
    exact: 'Exact',
    pickerPlaceholder: 'Name, pinyin, initials or a last 4; empty lists the township',
  },
}

export default { 'zh-CN': zh, en }
