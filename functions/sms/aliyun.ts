/** Alibaba Cloud SMS (短信服务), SendSms of the Dysmsapi 2017-05-25 RPC API. */
import { randomUUID } from 'node:crypto'
import { canonicalQuery, percentEncode, rpcSignature, rpcTimestamp } from './aliyun-signature.js'
import { networkFailure, SmsUnavailable, type SmsProvider } from './provider.js'
import type { SmsTemplateCode } from './templates.js'

export interface AliyunSmsSettings {
  accessKeyId: string
  accessKeySecret: string
  /** The approved signature (签名), e.g. 稳岗通. */
  signName: string
  /** Approved template codes (SMS_…) by our template code. */
  templates: Partial<Record<SmsTemplateCode, string>>
  /** https://dysmsapi.aliyuncs.com unless overridden (tests point it at a local server). */
  endpoint: string
  regionId: string
  timeoutMs: number
}

/** Codes that will not come right by trying again (a wrong number, template or key). */
const PERMANENT = /^(isv\.(MOBILE_NUMBER_ILLEGAL|MOBILE_COUNT_OVER_LIMIT|TEMPLATE_MISSING_PARAMETERS|SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL|INVALID_PARAMETERS|PARAM_LENGTH_LIMIT|PARAM_NOT_SUPPORT_URL|TEMPLATE_PARAMS_ILLEGAL|BLACK_KEY_CONTROL_LIMIT|DENY_IP_RANGE|ACCOUNT_NOT_EXISTS|ACCOUNT_ABNORMAL|AMOUNT_NOT_ENOUGH|OUT_OF_SERVICE)|InvalidAccessKeyId\..*|SignatureDoesNotMatch|Forbidden\..*|MissingParameter|InvalidParameter.*)$/

export function aliyunSms(s: AliyunSmsSettings, now: () => Date = () => new Date()): SmsProvider {
  return {
    name: 'aliyun',
    async deliver(phone, m) {
      const templateCode = s.templates[m.template]
      if (!templateCode) throw new SmsUnavailable('template.unconfigured', false)
      const params: Record<string, string> = {
        AccessKeyId: s.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: phone,
        RegionId: s.regionId,
        SignName: s.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: templateCode,
        TemplateParam: JSON.stringify(m.vars),
        Timestamp: rpcTimestamp(now()),
        Version: '2017-05-25',
      }
      const body = `${canonicalQuery(params)}&Signature=${percentEncode(rpcSignature('POST', params, s.accessKeySecret))}`
      let res: Response
      try {
        res = await fetch(`${s.endpoint.replace(/\/$/, '')}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(s.timeoutMs),
        })
      } catch (e) {
        throw networkFailure(e)
      }
      const answer = (await res.json().catch(() => undefined)) as { Code?: string; BizId?: string; Message?: string; RequestId?: string } | undefined
      if (res.ok && answer?.Code === 'OK' && answer.BizId) return { messageId: answer.BizId }
      const code = answer?.Code ?? `http.${res.status}`
      throw new SmsUnavailable(code, res.status >= 500 || !PERMANENT.test(code))
    },
  }
}
