import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { smsOf } from '../../functions/core/notify.js'
import { checkSmsMessage } from '../../functions/sms/templates.js'
import { LANGS, MESSAGE_CODES, MESSAGES, draft, holesOf, langOf, legacyCode, presentMessage, renderMessage, type StoredMessage } from '../../shared/messages.js'

const sorted = (xs: string[]) => [...new Set(xs)].sort()

describe('message templates', () => {
  it.each(MESSAGE_CODES)('%s has zh-CN and en texts with the same parameters, every one declared', (code) => {
    const t = MESSAGES[code]
    const declared = sorted([...t.params])
    for (const lang of LANGS) {
      expect(t[lang].title.trim(), `${code} ${lang} title`).not.toBe('')
      expect(t[lang].body.trim(), `${code} ${lang} body`).not.toBe('')
      expect(sorted([...holesOf(t[lang].title), ...holesOf(t[lang].body)]), `${code} ${lang}`).toEqual(declared)
    }
    // English texts are English: no Chinese characters left in them.
    expect(`${t.en.title}${t.en.body}`).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('renders the parameters into the reader’s language', () => {
    expect(renderMessage('application.hired', { postTitle: '发制品加工工', startDate: '2026-12-01' }, 'zh-CN')).toEqual({ title: '您已被录用', body: '「发制品加工工」录用了您，上岗日期 2026-12-01。' })
    expect(renderMessage('application.hired', { postTitle: '发制品加工工', startDate: '2026-12-01' }, 'en')).toEqual({ title: 'You are hired', body: '“发制品加工工” has hired you; you start on 2026-12-01.' })
    expect(draft('invitation.post', { postTitle: 'x' }, '/posts/1')).toEqual({ kind: 'invitation', code: 'invitation.post', params: { postTitle: 'x' }, link: '/posts/1' })
  })

  it('a parameter that looks like a hole is not filled again', () => {
    expect(renderMessage('application.rejected', { postTitle: '{reason}', reason: '夜班' }, 'zh-CN').body).toBe('您申请的「{reason}」未通过：夜班')
  })
})

describe('old messages (Chinese text only)', () => {
  it('every template’s own Chinese wording is recognised back to its code and parameters, whatever the parameters', () => {
    const param = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[{}]/.test(s))
    for (const code of MESSAGE_CODES) {
      fc.assert(
        fc.property(fc.array(param, { minLength: MESSAGES[code].params.length, maxLength: MESSAGES[code].params.length }), (values) => {
          const params = Object.fromEntries(MESSAGES[code].params.map((p, i) => [p, values[i]!]))
          const zh = renderMessage(code, params, 'zh-CN')
          const back = legacyCode(zh.title, zh.body)
          expect(back?.code).toBe(code)
          // Rendering what was recognised gives the same Chinese text back.
          expect(renderMessage(back!.code, back!.params, 'zh-CN')).toEqual(zh)
        }),
        { numRuns: 50 },
      )
    }
  })

  const old = (title: string, body: string): StoredMessage => ({ id: 'm1', kind: 'application', title, body, read: false, createdAt: '2026-01-02T03:04:05.000Z' })

  it('a recognised old message reads in English; an unknown one is shown as written, marked untranslated only for other languages', () => {
    expect(presentMessage(old('申请进入候选', '您申请的「保洁员」已进入候选名单。'), 'en')).toMatchObject({ code: 'application.shortlisted', title: 'You are shortlisted', body: 'Your application for “保洁员” is on the shortlist.' })
    const odd = old('系统维护通知', '今晚停机一小时。')
    expect(presentMessage(odd, 'en')).toMatchObject({ title: '系统维护通知', body: '今晚停机一小时。', untranslated: true })
    expect(presentMessage(odd, 'zh-CN')).not.toHaveProperty('untranslated')
    expect(presentMessage(odd, 'zh-CN')).not.toHaveProperty('code')
  })
})

describe('the reader’s language', () => {
  it.each([
    [undefined, undefined, 'zh-CN'],
    ['en', 'zh-CN', 'en'],
    ['zh-CN', 'en', 'zh-CN'],
    ['fr', 'en-GB,en;q=0.8', 'en'],
    [undefined, 'fr-FR, zh-CN;q=0.9, en;q=0.8', 'zh-CN'],
    [undefined, 'zh;q=0.5, en;q=0.9', 'en'],
    [undefined, 'en;q=0', 'zh-CN'],
    [undefined, 'de', 'zh-CN'],
  ] as const)('lang=%s, Accept-Language %s → %s', (q, header, want) => {
    expect(langOf(q, header)).toBe(want)
  })
})

describe('a notice by SMS', () => {
  it.each(MESSAGE_CODES)('%s fits an approved template (variables present, at most 35 characters), even with a long post title', (code) => {
    const params = Object.fromEntries(MESSAGES[code].params.map((p) => [p, p === 'startDate' ? '2026-12-01' : '建安区'.repeat(20)]))
    const sms = smsOf({ kind: MESSAGES[code].kind, code, params })
    expect(() => checkSmsMessage(sms)).not.toThrow()
    expect(sms.template).toBe(code === 'invitation.post' ? 'invitation' : 'notice')
  })
})
