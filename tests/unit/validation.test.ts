import * as z from 'zod'
import { describe, expect, it } from 'vitest'
import { formatIssues } from '../../shared/validation.js'
import { PostInput } from '../../shared/schemas/posts.js'
import { WorkshopInput } from '../../shared/schemas/workshops.js'

const issues = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input)
  if (r.success) throw new Error('expected a failure')
  return formatIssues(r.error, input)
}

describe('field-level messages in zh-CN and en', () => {
  it('renders built-in checks in both languages, naming what was received', () => {
    const out = issues(z.object({ n: z.number(), s: z.string().min(3), k: z.enum(['a', 'b']), r: z.string(), m: z.number().max(9) }), { n: 'x', s: 'ab', k: 'c', m: 10 })
    expect(out).toEqual([
      { path: 'n', code: 'invalid_type', message: '应为数字，收到的是文本', messageEn: 'Expected number, received string' },
      { path: 's', code: 'too_small', message: '至少 3 个字符', messageEn: 'At least 3 characters' },
      { path: 'k', code: 'invalid_value', message: '取值无效，可选：a、b', messageEn: 'Invalid value; one of: a, b' },
      { path: 'r', code: 'invalid_type', message: '必填项', messageEn: 'Required' },
      { path: 'm', code: 'too_big', message: '不能大于 9', messageEn: 'Must be at most 9' },
    ])
  })

  it('keeps the project’s own bilingual messages for refinements', () => {
    const out = issues(WorkshopInput, { name: '灵井发制品', type: 'factory', township: 'lingjing', village: 'suqiao-01', address: '灵井镇' })
    expect(out).toEqual([{ path: 'village', code: 'custom', message: '村不属于所选乡镇', messageEn: 'The village is not in the chosen township' }])
  })

  it('reports money that is not integer fen', () => {
    const out = issues(PostInput, { kind: 'workshop', title: '普工', township: 'lingjing', headcount: 2, wage: { amountFen: 3200.5, unit: 'month' } })
    expect(out.map((i) => i.path)).toEqual(['wage.amountFen'])
  })
})
