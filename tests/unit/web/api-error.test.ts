import { describe, expect, it } from 'vitest'
import { ApiError, toApiError } from '../../../web/src/api/api-error'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('toApiError', () => {
  it('keeps the server error body, issues included', async () => {
    const err = await toApiError(
      json(400, {
        code: 'request.invalid',
        message: '请求内容有误',
        messageEn: 'The request is invalid',
        requestId: 'r1',
        issues: [{ path: 'phone', code: 'custom', message: '请输入正确的 11 位手机号', messageEn: 'Enter a valid 11-digit mobile number' }, { bogus: true }],
      }),
    )
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(400)
    expect(err.code).toBe('request.invalid')
    expect(err.requestId).toBe('r1')
    expect(err.issues).toHaveLength(1)
    expect(err.issueFor('phone')?.messageEn).toBe('Enter a valid 11-digit mobile number')
    expect(err.issueFor('code')).toBeUndefined()
  })

  it('speaks the reader’s language', async () => {
    const err = await toApiError(json(401, { code: 'otp.invalid', message: '验证码错误或已失效', messageEn: 'The code is wrong or has expired', requestId: 'r2' }))
    expect(err.messageFor('zh-CN')).toBe('验证码错误或已失效')
    expect(err.messageFor('en')).toBe('The code is wrong or has expired')
  })

  it('stands in for a body that is not the API’s (a proxy’s HTML error page)', async () => {
    const err = await toApiError(new Response('<html>Bad gateway</html>', { status: 502 }))
    expect(err.status).toBe(502)
    expect(err.code).toBe('http.502')
    expect(err.messageFor('en')).toContain('502')
    expect(err.issues).toBeUndefined()
  })
})
