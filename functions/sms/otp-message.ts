/** The sign-in code's message (the otp template), shared by the request path and the sender. */
import type { SmsMessage } from './templates.js'

export const DEFAULT_OTP_MINUTES = 5

export const otpMessage = (code: string, minutes = DEFAULT_OTP_MINUTES): SmsMessage => ({ template: 'otp', vars: { code, minutes: String(minutes) } })
