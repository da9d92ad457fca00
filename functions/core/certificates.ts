/**
 * 证书 certificates: a seeker enters their own, an officer in scope enters one for a person in scope
 * and verifies it; each change is audited in its own transaction.
 */
import { districtDate, recordDayRefusal } from '../../shared/dates.js'
import { DomainError, refuseDay } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Certificate, CertificateInput, CertificateRow } from '../../shared/schemas/subsidies.js'
import { addCertificate, getCertificate, listCertificatesOfTownship, pageCertificatesOfSeeker, verifyCertificate } from '../db/certificates.js'
import { getSeekerOfUser } from '../db/seekers.js'
import { acrossTownships } from '../db/across.js'
import { allow, by, fromImport, inScope, listTownships, notFound, type ImportSource } from './access.js'
import type { Actor, Deps } from './deps.js'
import { names, refOf } from './people.js'
import * as Seekers from './seekers.js'

/** A certificate is seen by its own seeker and by officers of its township (or the district); to anyone else it does not exist. */
export async function fromId(deps: Deps, actor: Actor, id: string): Promise<Certificate> {
  const c = await getCertificate(deps.db, id)
  if (c && inScope(actor, c.township)) return c
  if (c && actor.role === 'seeker' && (await getSeekerOfUser(deps.db, actor.userId))?.id === c.seekerId) return c
  throw notFound('certificate')
}

/** The person a certificate is for: a seeker's own file, or a file in the officer's scope. */
async function holderOf(deps: Deps, actor: Actor, seekerId: string | undefined) {
  if (actor.role === 'seeker') {
    const own = await Seekers.ownFileIfAny(deps, actor)
    if (!own) throw new DomainError('certificate.seekerRequired', 'conflict', '请先建立求职档案', 'Create your seeker file first')
    // A seeker enters their own certificates only: another person's file does not exist for them.
    if (seekerId && seekerId !== own.id) throw notFound('seeker')
    return own
  }
  if (!seekerId) throw new DomainError('certificate.seekerRequired', 'invalid', '请指定求职者', 'Name the seeker')
  return Seekers.forOfficer(deps, actor, seekerId)
}

export async function add(deps: Deps, actor: Actor, body: CertificateInput, src?: ImportSource): Promise<Certificate> {
  allow(actor, 'seeker', 'officer', 'admin')
  const { seekerId, ...input } = body
  const seeker = await holderOf(deps, actor, seekerId)
  // Issued on or after the holder's 16th birthday, and not after today.
  refuseDay('issueDate', recordDayRefusal('certificate.issueDate', input.issueDate, seeker.birthDate, districtDate(deps.now())))
  return addCertificate(deps.db, seeker, input, actor.userId, deps.now(), (c) => ({
    objectType: 'certificate',
    objectId: c.id,
    action: 'certificate.create',
    ...by(actor),
    after: { seekerId: seeker.id, kind: c.kind, number: c.number, issueDate: c.issueDate, ...fromImport(src) },
    history: { seekerId: seeker.id, type: 'certificate', title: c.occupation, kind: c.kind, status: 'pending', startDate: c.issueDate },
  }))
}

/** A township's certificates (pending ones to verify, or verified), for its officers; without a township, the district's (全区). */
export async function ofTownship(deps: Deps, actor: Actor, q: { township?: string; state?: 'pending' | 'verified'; limit: number; cursor?: string }): Promise<Page<CertificateRow>> {
  allow(actor, 'officer', 'admin')
  return withVerifiers(deps, await acrossTownships(deps.db, ['certificates', q.state ?? null], listTownships(actor, q.township), q, (t, p) => listCertificatesOfTownship(deps.db, t, q.state, p.limit, p.cursor)))
}

/** The verifying officer's name and role beside `verifiedBy` (one batch read of the page's verifiers). */
async function withVerifiers(deps: Deps, page: Page<Certificate>): Promise<Page<CertificateRow>> {
  const found = await names(deps, page.items.map((c) => c.verifiedBy))
  return { ...page, items: page.items.map((c) => ({ ...c, ...(refOf(found, c.verifiedBy) ? { verifier: refOf(found, c.verifiedBy)! } : {}) })) }
}

/** An officer in scope verifies once; out of scope the certificate does not exist. */
export async function verify(deps: Deps, actor: Actor, id: string, input: { method: string; note?: string }): Promise<Certificate> {
  allow(actor, 'officer', 'admin')
  const cert = await fromId(deps, actor, id)
  return verifyCertificate(deps.db, cert, input.method, actor.userId, deps.now(), input.note, (v) => ({
    objectType: 'certificate',
    objectId: cert.id,
    action: 'certificate.verify',
    ...by(actor),
    after: { method: input.method, note: input.note ?? null, countedForYear: v.countedForYear ?? null },
    history: { seekerId: cert.seekerId, type: 'certificate', title: cert.occupation, kind: cert.kind, status: 'verified', startDate: cert.issueDate },
  }))
}

/** A person's certificates: for the seeker themself and officers in scope. */
export async function ofSeeker(deps: Deps, actor: Actor, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<CertificateRow>> {
  // Other roles never read a person's records (403); out of scope the person does not exist (404).
  allow(actor, 'seeker', 'officer', 'admin')
  const s = await Seekers.fromId(deps, actor, seekerId)
  return withVerifiers(deps, await pageCertificatesOfSeeker(deps.db, s.id, page))
}
