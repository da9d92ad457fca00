import { describe, expect, it } from 'vitest'
import { chooseLogFormat, createLog, humanLine, tallied } from '../../functions/core/log.js'

const at = new Date(2026, 10, 28, 10, 42, 7)

describe('which form the log takes', () => {
  it.each([
    [{ onLambda: true, stdoutIsTty: true, requested: 'human' }, 'json'],
    [{ onLambda: true, stdoutIsTty: false }, 'json'],
    [{ onLambda: false, stdoutIsTty: true }, 'human'],
    [{ onLambda: false, stdoutIsTty: false }, 'json'],
    [{ onLambda: false, stdoutIsTty: true, requested: 'json' }, 'json'],
    [{ onLambda: false, stdoutIsTty: false, requested: 'human' }, 'human'],
    [{ onLambda: false, stdoutIsTty: false, requested: 'fancy' }, 'json'],
  ] as const)('%j → %s', (o, form) => expect(chooseLogFormat(o)).toBe(form))
})

describe('the human form', () => {
  it('a request is time, method, path, status and ms', () => {
    expect(humanLine('info', 'request', { requestId: 'r1', method: 'GET', path: '/api/posts', status: 200, ms: 12, userId: 'u1' }, at)).toBe('10:42:07 GET /api/posts 200 12ms')
  })

  it('anything else is its message and key=value fields; the level shows when not info', () => {
    expect(humanLine('info', 'sms (local, not sent)', { to: '138****0004', purpose: 'otp', devCode: '123456' }, at)).toBe(
      '10:42:07 sms (local, not sent) to=138****0004 purpose=otp devCode=123456',
    )
    expect(humanLine('error', 'match run failed', { runId: 'R1', detail: 'two words', extra: undefined, n: { a: 1 } }, at)).toBe(
      '10:42:07 ERROR match run failed runId=R1 detail="two words" n={"a":1}',
    )
  })

  it('scrubs phones and ID numbers, in the message and in every field', () => {
    const lines: string[] = []
    const log = createLog({ format: 'human', write: (l) => lines.push(l), now: () => at })
    log.warn('call from 13912345678', { who: '411003198001010036', nested: { phone: '+8613800000004' } })
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toMatch(/13912345678|411003198001010036|13800000004/)
    expect(lines[0]).toContain('139****5678')
    expect(lines[0]).toContain('4110**********0036')
  })

  it('honours LOG_LEVEL as Powertools does', () => {
    const lines: string[] = []
    const log = createLog({ format: 'human', level: 'warn', write: (l) => lines.push(l), now: () => at })
    log.info('request', { method: 'GET', path: '/', status: 200, ms: 1 })
    log.warn('slow')
    log.error('broke')
    expect(lines).toEqual(['10:42:07 WARN slow', '10:42:07 ERROR broke'])
    const silent: string[] = []
    createLog({ format: 'human', level: 'SILENT', write: (l) => silent.push(l) }).error('x')
    expect(silent).toEqual([])
  })
})

describe('tallied (a batch said once)', () => {
  it('counts info lines, passes warnings at once, and says the batch in one line', () => {
    const lines: string[] = []
    const inner = createLog({ format: 'human', write: (l) => lines.push(l), now: () => at })
    const log = tallied(inner)
    log.info('posts.closeExpired', { closed: 0 })
    log.info('records.checked', { township: 'a' })
    log.info('records.checked', { township: 'b' })
    log.warn('records.slow', { township: 'b' })
    expect(lines).toEqual(['10:42:07 WARN records.slow township=b'])
    log.done('daily clock ran', { ms: 900 })
    expect(lines[1]).toBe('10:42:07 daily clock ran ms=900 steps=posts.closeExpired,records.checked×2')
  })
})
