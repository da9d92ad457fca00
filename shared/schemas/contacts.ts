/**
 * 联系方式 who to call: a workshop's contact phone and a post's contact person. The phone is sealed
 * at rest in an item of its own (never in the post or workshop that lists read), shown masked, and
 * given in full only through an audited reveal.
 */
import * as z from 'zod'
import { Phone } from './common.js'
import { Text } from './text.js'

/** 联系人 a person's name as it is said on the phone: 1–20 characters, one line. */
export const ContactName = Text(20, { min: 1 })

/** A post's contact person: who answers, and on which mobile number. */
export const PostContactInput = z.object({ name: ContactName, phone: Phone })
export type PostContactInput = z.infer<typeof PostContactInput>

/** A workshop's contact phone, with the name of who answers it when that is not the owner. */
export const WorkshopContactInput = z.object({ name: ContactName.optional(), phone: Phone })
export type WorkshopContactInput = z.infer<typeof WorkshopContactInput>

/** Where a post's contact comes from: its own contact person, or (a workshop post without one) its workshop's phone. */
export const ContactSource = z.enum(['post', 'workshop'])
export type ContactSource = z.infer<typeof ContactSource>

/** What anyone reading a post sees: that there is a contact, its name and the phone masked (`138****0004`). */
export const ContactView = z.object({ name: z.string().optional(), phoneMasked: z.string(), source: ContactSource })
export type ContactView = z.infer<typeof ContactView>

/** The full phone, handed out by an audited reveal. */
export const RevealedContact = z.object({ name: z.string().optional(), phone: z.string(), source: ContactSource })
export type RevealedContact = z.infer<typeof RevealedContact>

/** A workshop's own contact as its owner and officers see it (masked). */
export const WorkshopContactView = z.object({ name: z.string().optional(), phoneMasked: z.string() })
export type WorkshopContactView = z.infer<typeof WorkshopContactView>

/** A hired worker's full phone, for the employer (audited). */
export const WorkerPhone = z.object({ name: z.string(), phone: z.string() })
export type WorkerPhone = z.infer<typeof WorkerPhone>
