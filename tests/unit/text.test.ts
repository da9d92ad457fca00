import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { MultilineText, Text } from '../../shared/schemas/text.js'
import { toXmlText } from '../../shared/text.js'
import { formatIssues } from '../../shared/validation.js'

const Form = z.object({ name: Text(20, { min: 2 }), note: MultilineText(200).optional() })

/** What a form would answer: the cleaned value, or the field issue (code, zh, en). */
const check = (input: Record<string, unknown>) => {
  const r = Form.safeParse(input)
  return r.success ? { ok: r.data } : { issues: formatIssues(r.error, input) }
}

describe('Text / MultilineText: one schema for every human-entered string', () => {
  const accepted: [string, string, string][] = [
    ['plain Chinese', '刘建国', '刘建国'],
    ['spaces around', '  刘建国\u3000', '刘建国'],
    ['zero-width characters around', '\u200B\uFEFF刘建国\u2060', '刘建国'],
    ['decomposed accents become NFC', 'Jose\u0301 Li', 'José Li'],
    ['a name outside the BMP counts one per character', '𠈌𠈌', '𠈌𠈌'],
    ['exactly the limit', '张'.repeat(20), '张'.repeat(20)],
    ['a ZWJ emoji inside', '小\u{1F468}\u200D\u{1F469}明', '小\u{1F468}\u200D\u{1F469}明'],
  ]
  for (const [name, value, want] of accepted) {
    it(`accepts ${name}`, () => expect(check({ name: value })).toEqual({ ok: { name: want } }))
  }

  const refused: [string, string, string, RegExp, RegExp][] = [
    ['U+FFFE (the ledger breaker)', '刘\uFFFE国', 'text.noncharacter', /非字符.*第 2 个字符，U\+FFFE/, /noncharacters \(character 2, U\+FFFE\)/],
    ['U+FFFF', '刘国\uFFFF', 'text.noncharacter', /U\+FFFF/, /U\+FFFF/],
    ['U+1FFFE (a plane-1 noncharacter)', '刘\u{1FFFE}国', 'text.noncharacter', /U\+1FFFE/, /U\+1FFFE/],
    ['U+FDD0', '刘\uFDD0国', 'text.noncharacter', /U\+FDD0/, /U\+FDD0/],
    ['NUL', '刘\u0000国', 'text.control', /控制字符.*U\+0000/, /control characters \(character 2, U\+0000\)/],
    ['BEL', '刘国\u0007', 'text.control', /U\+0007/, /U\+0007/],
    ['DEL', '刘\u007F国', 'text.control', /U\+007F/, /U\+007F/],
    ['a C1 control (U+0085)', '刘\u0085国', 'text.control', /U\+0085/, /U\+0085/],
    ['a line break in a one-line field', '刘\n国', 'text.lineBreak', /只能填写一行/, /single line/],
    ['a tab in a one-line field', '刘\t国', 'text.lineBreak', /制表符/, /tabs/],
    ['U+2028 in a one-line field', '刘\u2028国', 'text.lineBreak', /U\+2028/, /U\+2028/],
    ['U+202E (bidi override)', '刘\u202E国', 'text.bidi', /文字显示方向.*U\+202E/, /text-direction controls \(character 2, U\+202E\)/],
    ['U+2066 (bidi isolate)', '\u2066刘国', 'text.bidi', /U\+2066/, /U\+2066/],
    ['U+202A (bidi embedding)', '刘国\u202A', 'text.bidi', /U\+202A/, /U\+202A/],
    ['a lone high surrogate', '刘\uD800国', 'text.surrogate', /代理项 U\+D800/, /unpaired surrogate, U\+D800/],
    ['a lone low surrogate', '刘国\uDC00', 'text.surrogate', /U\+DC00/, /U\+DC00/],
    ['only zero-width characters', '\u200B\u200C\u200D', 'text.blank', /空格或不可见字符/, /only spaces or invisible characters/],
    ['only spaces', ' \u3000 ', 'text.blank', /空格/, /spaces/],
    ['too long (21 characters)', '张'.repeat(21), 'too_big', /^最多 20 个字符$/, /^At most 20 characters$/],
    ['too short after trimming', ' 张 ', 'too_small', /^至少 2 个字符$/, /^At least 2 characters$/],
  ]
  for (const [name, value, code, zh, en] of refused) {
    it(`refuses ${name}, naming the field in both languages`, () => {
      const r = check({ name: value })
      expect(r.issues).toHaveLength(1)
      const [issue] = r.issues!
      expect(issue).toMatchObject({ path: 'name', code })
      expect(issue!.message).toMatch(zh)
      expect(issue!.messageEn).toMatch(en)
    })
  }

  it('positions count characters of the text as sent', () => {
    expect(check({ name: '  𠈌𠈌\u0007' }).issues![0]!.message).toContain('第 5 个字符')
  })

  it('multi-line fields keep line breaks and tabs, as \\n, and still refuse the rest', () => {
    expect(check({ name: '张三', note: ' 第一行\r\n第二行\r\t第三行 ' })).toEqual({ ok: { name: '张三', note: '第一行\n第二行\n\t第三行' } })
    expect(check({ name: '张三', note: '好\u0000' }).issues![0]).toMatchObject({ path: 'note', code: 'text.control' })
    expect(check({ name: '张三', note: '\n\n\u200B' }).issues![0]).toMatchObject({ path: 'note', code: 'text.blank' })
  })

  it('an optional field may be absent or empty, never blank', () => {
    expect(check({ name: '张三' })).toEqual({ ok: { name: '张三' } })
    expect(check({ name: '张三', note: '' })).toEqual({ ok: { name: '张三', note: '' } })
    expect(check({ name: '张三', note: '   ' }).issues![0]!.code).toBe('text.blank')
  })

  it('the limit is counted after NFC and trimming, and text is never cut', () => {
    const composed = Text(5).parse('e\u0301'.repeat(5))
    expect(composed).toBe('é'.repeat(5))
    expect(Text(5).safeParse('abcdef').success).toBe(false)
  })

  it('documents its limits in the JSON Schema of the API', () => {
    expect(z.toJSONSchema(Text(60, { min: 2 }), { io: 'input' })).toMatchObject({ type: 'string', maxLength: 60, minLength: 2 })
  })
})

/** Any code point at all, lone surrogates and noncharacters included, with the dangerous ones often. */
const anyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.constantFrom('\u0000', '\u0007', '\t', '\n', '\r', ' ', '\u3000', '\u200B', '\u200D', '\u2060', '\uFEFF', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\u202E', '\u2066', 'e\u0301', '张', 'a'),
)
const anyText = fc.string({ unit: anyChar, maxLength: 40 })

const forbidden = (cp: number, multiline: boolean) =>
  (cp <= 0x1f && !(multiline && (cp === 0x09 || cp === 0x0a))) ||
  (cp >= 0x7f && cp <= 0x9f) ||
  (cp >= 0xd800 && cp <= 0xdfff) ||
  (cp >= 0xfdd0 && cp <= 0xfdef) ||
  (cp & 0xfffe) === 0xfffe ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2066 && cp <= 0x2069) ||
  (!multiline && (cp === 0x2028 || cp === 0x2029))
const blankEdge = /^[\s\u200B-\u200D\u2060\uFEFF]|[\s\u200B-\u200D\u2060\uFEFF]$/

describe('properties of the text schema', () => {
  for (const [name, schema, multiline] of [
    ['Text', Text(30), false],
    ['MultilineText', MultilineText(30), true],
  ] as const) {
    it(`${name}: every accepted value is NFC, trimmed, within the limit and free of every forbidden code point; parsing again changes nothing`, () => {
      fc.assert(
        fc.property(anyText, (raw) => {
          const r = schema.safeParse(raw)
          if (!r.success) return
          const v = r.data
          expect(v.normalize('NFC')).toBe(v)
          expect(blankEdge.test(v)).toBe(false)
          expect(Array.from(v).length).toBeLessThanOrEqual(30)
          for (const ch of v) expect(forbidden(ch.codePointAt(0)!, multiline)).toBe(false)
          expect(schema.parse(v)).toBe(v)
        }),
        { numRuns: 2000 },
      )
    })

    it(`${name}: a refusal is always a field issue with both languages, never a throw`, () => {
      fc.assert(
        fc.property(anyText, (raw) => {
          const r = z.object({ f: schema }).safeParse({ f: raw })
          if (r.success) return
          for (const i of formatIssues(r.error, { f: raw })) {
            expect(i.path).toBe('f')
            expect(i.message.length).toBeGreaterThan(0)
            expect(i.messageEn.length).toBeGreaterThan(0)
          }
        }),
        { numRuns: 1000 },
      )
    })
  }

  it('text made only of ordinary characters is accepted whole (after NFC and trimming)', () => {
    const ordinary = fc.string({ unit: fc.constantFrom(...'刘建国张三李四王芳灵井镇发制品加工车间abcXYZ0123 -·（）'), minLength: 1, maxLength: 30 })
    fc.assert(
      fc.property(ordinary, (raw) => {
        fc.pre(raw.trim().length > 0)
        expect(Text(30).parse(raw)).toBe(raw.trim())
      }),
    )
  })
})

/** XML 1.0's Char production, written out independently of the sanitiser's regular expression. */
const isXmlChar = (cp: number) =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)

describe('the .xlsx sanitiser', () => {
  it('output is always XML-1.0-legal, and legal text passes unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 60 }), (raw) => {
        const out = toXmlText(raw)
        for (const ch of out) expect(isXmlChar(ch.codePointAt(0)!)).toBe(true)
        const legal = Array.from(raw).filter((ch) => isXmlChar(ch.codePointAt(0)!)).join('')
        expect(out).toBe(legal)
      }),
      { numRuns: 3000 },
    )
  })
})
