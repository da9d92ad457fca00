import * as z from 'zod'

/** How non-urgent notices reach a user: the inbox alone, or the inbox and a text. Sign-in codes are always texted. */
export const SmsChoice = z.enum(['inboxOnly', 'inboxAndSms'])
export type SmsChoice = z.infer<typeof SmsChoice>

export const Preferences = z.object({ sms: SmsChoice })
export type Preferences = z.infer<typeof Preferences>

/** Until a user chooses, notices are texted too, as they always were. */
export const DEFAULT_PREFERENCES: Preferences = { sms: 'inboxAndSms' }

export const UnreadCount = z.object({ unread: z.number().int().min(0) })
export type UnreadCount = z.infer<typeof UnreadCount>
