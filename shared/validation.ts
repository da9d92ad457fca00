import { z } from 'zod'

/** One field-level problem, in both languages the portal speaks. */
export interface FieldIssue {
  path: string
  code: string
  message: string
  messageEn: string
}

const zh = z.locales.zhCN()
const en = z.locales.en()

/** A refinement message in Chinese, with its English in `params.en` (read back by formatIssues). */
export const bilingual = (message: string, messageEn: string) => ({ message, params: { en: messageEn } })

const valueAt = (input: unknown, path: PropertyKey[]): unknown => {
  let v: unknown = input
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

const render = (map: ReturnType<typeof z.locales.en>, issue: z.core.$ZodIssue, input: unknown): string => {
  const out = map.localeError({ ...issue, input } as unknown as Parameters<typeof map.localeError>[0])
  if (typeof out === 'string') return out
  return out?.message ?? issue.message
}

/**
 * Turns zod's issues into field messages in zh-CN and en. The input is passed back in so that
 * "expected number, received string" names what was really sent (issues do not keep it).
 */
export function formatIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  return error.issues.map((issue) => {
    const custom = (issue as { params?: { en?: string } }).params?.en
    const value = valueAt(input, issue.path)
    return {
      path: issue.path.map(String).join('.') || '(root)',
      code: issue.code,
      message: custom ? issue.message : render(zh, issue, value),
      messageEn: custom ?? render(en, issue, value),
    }
  })
}
