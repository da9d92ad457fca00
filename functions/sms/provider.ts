import { DomainError } from '../../shared/errors.js'
import type { SmsMessage } from './templates.js'

export type SmsProviderName = 'aliyun' | 'sns'

/** One provider's send: a mainland mobile (11 digits), the checked message and our rendered text. */
export interface SmsProvider {
  name: SmsProviderName
  deliver(phone: string, m: SmsMessage, text: string): Promise<{ messageId: string }>
}

/**
 * A provider refused or could not be reached. `providerCode` is the provider's own code
 * (isv.BUSINESS_LIMIT_CONTROL, Throttling, …) for the log; `retryable` says whether the outbox
 * should try again later. The API answers it as 503 sms.unavailable.
 */
export class SmsUnavailable extends DomainError {
  constructor(
    readonly providerCode: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super('sms.unavailable', 'unavailable', '短信暂时无法发送，请稍后再试', 'The text message could not be sent; please try again later', options)
  }
}

/** Network trouble, timeouts and 5xx answers are worth another try; a refusal of the request is not. */
export const networkFailure = (e: unknown): SmsUnavailable =>
  new SmsUnavailable((e as Error)?.name === 'TimeoutError' ? 'timeout' : 'network', true, { cause: e })
