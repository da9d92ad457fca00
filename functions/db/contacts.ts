/**
 * 联系方式 contact items: a workshop's phone and a post's contact person, each sealed in an item of
 * its own beside the workshop or the post (keys.ts), so that browse and every other list, which
 * read the post and workshop items, never carry one. The masked phone sits beside the sealed one.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { maskPhone } from '../../shared/phone.js'
import type { ContactSource, ContactView, PostContactInput, WorkshopContactInput, WorkshopContactView } from '../../shared/schemas/contacts.js'
import type { Protector } from '../security/protect.js'
import { auditPut, type AuditDraft } from './audit.js'
import type { Db } from './client.js'
import { postContactKey, workshopContactKey } from './keys.js'
import { takeInTransaction, type RateLimit } from './rate-limits.js'
import { failedConditions } from './targets.js'
import { transact, type TxItem } from './tx.js'

/** Whose contact: a post's own, or a workshop's. */
export type ContactOf = { post: string } | { workshop: string }

/** A contact as stored: never handed out as is (the sealed phone stays in db). */
export interface SealedContact {
  name?: string
  phoneMasked: string
  phoneSealed: string
}

const keyOf = (of: ContactOf) => ('post' in of ? postContactKey(of.post) : workshopContactKey(of.workshop))

/** Seals the phone; the name stays readable (it is shown beside the masked phone). */
export const sealContact = (p: Protector, c: PostContactInput | WorkshopContactInput): SealedContact => ({
  ...(c.name ? { name: c.name } : {}),
  phoneMasked: maskPhone(c.phone),
  phoneSealed: p.seal(c.phone),
})

/** Puts (or replaces) a contact, as one item of the transaction that creates or edits its post or workshop. */
export const contactPut = (db: Db, of: ContactOf, c: SealedContact, now: Date): TxItem => ({
  Put: { TableName: db.table, Item: { ...keyOf(of), entity: 'contact', ...c, updatedAt: now.toISOString() } },
})

/** Removes a post's own contact person (a workshop post then shows its workshop's phone). */
export const contactDelete = (db: Db, of: ContactOf): TxItem => ({ Delete: { TableName: db.table, Key: keyOf(of) } })

async function getSealed(db: Db, of: ContactOf): Promise<SealedContact | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: keyOf(of), ProjectionExpression: '#n, phoneMasked, phoneSealed', ExpressionAttributeNames: { '#n': 'name' } }))
  return r.Item ? (r.Item as SealedContact) : undefined
}

const masked = ({ phoneSealed: _s, ...view }: SealedContact) => view

/** A workshop's contact, masked. */
export async function workshopContact(db: Db, workshopId: string): Promise<WorkshopContactView | undefined> {
  const c = await getSealed(db, { workshop: workshopId })
  return c ? masked(c) : undefined
}

/** The contact a post shows: its own contact person, else its workshop's phone (two GetItems side by side). */
async function resolve(db: Db, post: { id: string; workshopId?: string }): Promise<{ contact: SealedContact; source: ContactSource } | undefined> {
  const [own, workshop] = await Promise.all([getSealed(db, { post: post.id }), post.workshopId ? getSealed(db, { workshop: post.workshopId }) : undefined])
  if (own) return { contact: own, source: 'post' }
  return workshop ? { contact: workshop, source: 'workshop' } : undefined
}

/** What a post's reader sees of its contact: the name and the masked phone, never the number. */
export async function postContactView(db: Db, post: { id: string; workshopId?: string }): Promise<ContactView | undefined> {
  const r = await resolve(db, post)
  return r ? { ...masked(r.contact), source: r.source } : undefined
}

/** A post's contact, unsealed: only for a caller that has checked the right and records the reveal (`recordReveal`) first. */
export async function openPostContact(db: Db, p: Protector, post: { id: string; workshopId?: string }) {
  const r = await resolve(db, post)
  return r ? { ...(r.contact.name ? { name: r.contact.name } : {}), phone: p.open(r.contact.phoneSealed), source: r.source } : undefined
}

/** Sets a workshop's contact phone with its audit event, one transaction. */
export async function setWorkshopContact(db: Db, workshopId: string, c: SealedContact, now: Date, audit: AuditDraft): Promise<WorkshopContactView> {
  await transact(db, [contactPut(db, { workshop: workshopId }, c, now), auditPut(db, audit, now)])
  return masked(c)
}

/**
 * A reveal of a phone writes one thing: its audit event, with one taken from the actor's daily
 * count in the same transaction. A reveal past the limit leaves no event and shows nothing; a reveal
 * that is shown is always recorded. Answers the seconds to wait when the limit refused it.
 */
export async function recordReveal(db: Db, audit: AuditDraft, limit: RateLimit, now: Date): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const counted = takeInTransaction(db, limit, now)
  try {
    await transact(db, [auditPut(db, audit, now), counted.item])
  } catch (e) {
    // Item 1 is the count: its condition is the limit (the event's own, a fresh key, never fails).
    if (failedConditions(e).includes(1)) return { ok: false, retryAfterSeconds: counted.retryAfterSeconds }
    throw e
  }
  return { ok: true }
}
