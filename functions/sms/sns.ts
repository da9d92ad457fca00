/** Amazon SNS: Publish straight to a phone number (+86 E.164), for the AWS deployment. */
import { networkFailure, SmsUnavailable, type SmsProvider } from './provider.js'

export interface SnsSmsSettings {
  region: string
  /** Tests point it at a local server; unset in AWS. */
  endpoint?: string
  /** Shown as the sender where the destination supports it. */
  senderId?: string
  timeoutMs: number
}

/** Errors of the request itself (a wrong number, an opted-out phone, missing rights): no retry. */
const PERMANENT = new Set(['InvalidParameter', 'InvalidParameterValue', 'AuthorizationError', 'OptedOut', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'ValidationError'])

export async function snsSms(s: SnsSmsSettings): Promise<SmsProvider> {
  // The SDK is loaded only by a process that sends through SNS.
  const { SNSClient, PublishCommand } = await import('@aws-sdk/client-sns')
  // One retry inside the SDK at most: sign-in waits for this call.
  const client = new SNSClient({
    region: s.region,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: s.timeoutMs, requestTimeout: s.timeoutMs },
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
  })
  return {
    name: 'sns',
    async deliver(phone, _m, text) {
      try {
        const out = await client.send(
          new PublishCommand({
            PhoneNumber: `+86${phone}`,
            Message: text,
            MessageAttributes: {
              'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
              ...(s.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: s.senderId } } : {}),
            },
          }),
        )
        if (!out.MessageId) throw new SmsUnavailable('sns.noMessageId', true)
        return { messageId: out.MessageId }
      } catch (e) {
        if (e instanceof SmsUnavailable) throw e
        const err = e as { name?: string; $metadata?: { httpStatusCode?: number } }
        const status = err.$metadata?.httpStatusCode
        if (status === undefined) throw networkFailure(e)
        // The SDK names modelled errors InvalidParameterException for the API's InvalidParameter.
        const code = err.name ? err.name.replace(/Exception$/, '') : `http.${status}`
        throw new SmsUnavailable(code, status >= 500 || !PERMANENT.has(code), { cause: e })
      }
    },
  }
}
