import type { z } from 'zod'
// Two locales imported one by one: `z.locales` would bundle all ~50 into every Lambda.
import enLocale from 'zod/v4/locales/en.js'
import zhCNLocale from 'zod/v4/locales/zh-CN.js'

/** One field-level problem, in both languages the portal speaks. */
export interface FieldIssue {
  path: string
  code: string
  message: string
  messageEn: string
}

const zh = zhCNLocale()
const en = enLocale()

/**
 * A refinement message in Chinese, with its English in `params.en` (read back by formatIssues).
 * A custom issue may name itself with `params.code` (e.g. `text.control`); it becomes the field's code.
 */
export const bilingual = (message: string, messageEn: string) => ({ message, params: { en: messageEn } })

const valueAt = (input: unknown, path: PropertyKey[]): unknown => {
  let v: unknown = input
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

const render = (map: ReturnType<typeof enLocale>, issue: z.core.$ZodIssue, input: unknown): string => {
  const out = map.localeError({ ...issue, input } as unknown as Parameters<typeof map.localeError>[0])
  if (typeof out === 'string') return out
  return out?.message ?? issue.message
}

const ZH_TYPES: Record<string, string> = {
  string: '文本', number: '数字', int: '整数', boolean: '布尔值', object: '对象', array: '数组', null: '空值', undefined: '空', bigint: '整数', date: '日期',
}
const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

/** Plain phrasing for the codes people meet most; zod's own locale covers the rest. */
function plain(issue: z.core.$ZodIssue, input: unknown): [string, string] | undefined {
  const i = issue as z.core.$ZodIssue & { expected?: string; minimum?: number | bigint; maximum?: number | bigint; origin?: string; values?: unknown[] }
  const isText = i.origin === 'string' || i.origin === 'array'
  const unit = i.origin === 'string' ? ['个字符', 'characters'] : ['项', 'items']
  switch (i.code) {
    case 'invalid_type':
      if (input === undefined) return ['必填项', 'Required']
      return [`应为${ZH_TYPES[i.expected ?? ''] ?? i.expected}，收到的是${ZH_TYPES[typeOf(input)] ?? typeOf(input)}`, `Expected ${i.expected}, received ${typeOf(input)}`]
    case 'too_small':
      return isText ? [`至少 ${i.minimum} ${unit[0]}`, `At least ${i.minimum} ${unit[1]}`] : [`不能小于 ${i.minimum}`, `Must be at least ${i.minimum}`]
    case 'too_big':
      return isText ? [`最多 ${i.maximum} ${unit[0]}`, `At most ${i.maximum} ${unit[1]}`] : [`不能大于 ${i.maximum}`, `Must be at most ${i.maximum}`]
    case 'invalid_value':
      return [`取值无效，可选：${(i.values ?? []).join('、')}`, `Invalid value; one of: ${(i.values ?? []).join(', ')}`]
    case 'unrecognized_keys':
      return undefined
    default:
      return undefined
  }
}

/**
 * Turns zod's issues into field messages in zh-CN and en. The input is passed back in so that
 * "expected number, received string" names what was really sent (issues do not keep it).
 */
export function formatIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  return error.issues.map((issue) => {
    const params = (issue as { params?: { en?: string; code?: string } }).params
    const custom = params?.en
    const value = valueAt(input, issue.path)
    const simple = custom ? undefined : plain(issue, value)
    return {
      path: issue.path.map(String).join('.') || '(root)',
      code: params?.code ?? issue.code,
      message: custom ? issue.message : (simple?.[0] ?? render(zh, issue, value)),
      messageEn: custom ?? simple?.[1] ?? render(en, issue, value),
    }
  })
}
