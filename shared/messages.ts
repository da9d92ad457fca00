/**
 * 站内信 inbox messages as data: a message is stored as a code and its parameters and rendered in
 * the reader's language when read, so the API, SMS and the portal all say the same thing.
 */

export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]

export type MessageKind = 'application' | 'invitation' | 'system'

interface Text {
  title: string
  body: string
}

const template = <const P extends string>(kind: MessageKind, params: readonly P[], zh: Text, en: Text) => ({ kind, params, 'zh-CN': zh, en })

/** Every message the platform sends, once: code → the texts in both languages with `{param}` holes. */
export const MESSAGES = {
  'application.submitted': template('application', ['postTitle'], { title: '申请已提交', body: '您已申请「{postTitle}」，请留意后续通知。' }, { title: 'Application sent', body: 'You applied for “{postTitle}”. Watch for further news here.' }),
  'application.shortlisted': template('application', ['postTitle'], { title: '申请进入候选', body: '您申请的「{postTitle}」已进入候选名单。' }, { title: 'You are shortlisted', body: 'Your application for “{postTitle}” is on the shortlist.' }),
  'application.rejected': template('application', ['postTitle', 'reason'], { title: '申请未通过', body: '您申请的「{postTitle}」未通过：{reason}' }, { title: 'Application not accepted', body: 'Your application for “{postTitle}” was not accepted: {reason}' }),
  'application.withdrawn': template('application', ['postTitle'], { title: '申请已撤回', body: '您已撤回对「{postTitle}」的申请。' }, { title: 'Application withdrawn', body: 'You withdrew your application for “{postTitle}”.' }),
  'application.hired': template('application', ['postTitle', 'startDate'], { title: '您已被录用', body: '「{postTitle}」录用了您，上岗日期 {startDate}。' }, { title: 'You are hired', body: '“{postTitle}” has hired you; you start on {startDate}.' }),
  'invitation.post': template('invitation', ['postTitle'], { title: '岗位推荐邀请', body: '就业专员为您推荐岗位「{postTitle}」，欢迎申请。' }, { title: 'A job for you', body: 'Your employment officer recommends the post “{postTitle}” to you. You are welcome to apply.' }),
  // 帮扶责任人 a helper's daily digest, and a township officer's weekly roll-up (functions/core/due.ts).
  'due.digest': template('system', ['due', 'overdue'], { title: '帮扶事项到期提醒', body: '您有 {due} 项 3 天内到期、{overdue} 项已逾期的帮扶事项，请及时处理。' }, { title: 'Follow-up reminder', body: 'You have {due} items due within 3 days and {overdue} overdue. Please see to them.' }),
  'due.rollup': template('system', ['due', 'overdue'], { title: '本周帮扶事项汇总', body: '本乡镇有 {due} 项待办、{overdue} 项已逾期的帮扶事项。' }, { title: 'Weekly follow-up summary', body: 'Your township has {due} items pending and {overdue} overdue.' }),
} as const

export type MessageCode = keyof typeof MESSAGES
export const MESSAGE_CODES = Object.keys(MESSAGES) as MessageCode[]
export type MessageParams<C extends MessageCode> = Record<(typeof MESSAGES)[C]['params'][number], string>

/** A notice to put in an inbox: what to say (code and parameters) and where it leads. */
export interface MessageDraft {
  kind: MessageKind
  code: MessageCode
  params: Record<string, string>
  link?: string
}

/** Builds a draft whose parameters are checked against the code's template at compile time. */
export function draft<C extends MessageCode>(code: C, params: MessageParams<C>, link?: string): MessageDraft {
  return { kind: MESSAGES[code].kind, code, params, ...(link ? { link } : {}) }
}

/** The `{name}` holes of a text, in order. */
export const holesOf = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)

const fill = (text: string, params: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '')

export const isMessageCode = (code: unknown): code is MessageCode => typeof code === 'string' && Object.hasOwn(MESSAGES, code)

export function renderMessage(code: MessageCode, params: Record<string, string>, lang: Lang): Text {
  const t = MESSAGES[code][lang]
  return { title: fill(t.title, params), body: fill(t.body, params) }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Messages written before codes (Chinese title and body only): the platform's own wording is
 * recognised and given back its code and parameters, so it too reads in English. Anything else is null.
 */
export function legacyCode(title: string, body: string): { code: MessageCode; params: Record<string, string> } | null {
  for (const code of MESSAGE_CODES) {
    const zh = MESSAGES[code]['zh-CN']
    if (zh.title !== title) continue
    const names = holesOf(zh.body)
    const pattern = new RegExp(`^${escape(zh.body).replace(/\\\{(\w+)\\\}/g, '([\\s\\S]*)')}$`)
    const m = pattern.exec(body)
    if (!m) continue
    return { code, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) }
  }
  return null
}

/** What is stored: new messages carry a code and parameters; old ones only their Chinese text. */
export interface StoredMessage {
  id: string
  kind: MessageKind
  code?: string
  params?: Record<string, string>
  title?: string
  body?: string
  link?: string
  read: boolean
  createdAt: string
}

/**
 * A message as its reader sees it. An old message whose wording is not recognised is shown as it
 * was written (Chinese), marked `untranslated`, rather than hidden or guessed at.
 */
export function presentMessage(m: StoredMessage, lang: Lang) {
  const coded = isMessageCode(m.code) ? { code: m.code, params: m.params ?? {} } : legacyCode(m.title ?? '', m.body ?? '')
  const base = { id: m.id, kind: m.kind, read: m.read, createdAt: m.createdAt, ...(m.link ? { link: m.link } : {}) }
  if (coded) return { ...base, code: coded.code, params: coded.params, ...renderMessage(coded.code, coded.params, lang) }
  return { ...base, title: m.title ?? '', body: m.body ?? '', ...(lang === 'zh-CN' ? {} : { untranslated: true as const }) }
}

/** The reader's language: `?lang=` first, then the first zh or en tag of Accept-Language (by q), else Chinese. */
export function langOf(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'zh-CN') return query
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...rest] = part.trim().split(';')
      const q = Number(rest.find((r) => r.trim().startsWith('q='))?.trim().slice(2) ?? '1')
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, i }
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const t of tags) {
    if (t.tag === 'en' || t.tag.startsWith('en-')) return 'en'
    if (t.tag === 'zh' || t.tag.startsWith('zh-')) return 'zh-CN'
  }
  return 'zh-CN'
}
