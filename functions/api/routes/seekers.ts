import { Hono } from 'hono'
import { forbidden, inScope, isOfficer, listTownship, notFound } from '../../../shared/access.js'
import { IdParam } from '../../../shared/schemas/common.js'
import { SeekerInput, SeekerSearch, type Seeker } from '../../../shared/schemas/seekers.js'
import { appendAudit } from '../../db/audit.js'
import { createSeeker, getSeeker, revealIdNumber, searchSeekers, updateSeeker } from '../../db/seekers.js'
import { requireUser } from '../auth.js'
import type { Auth, Env } from '../context.js'
import { validate } from '../validate.js'
import type { Deps } from '../context.js'

const missing = () => notFound('seeker.notFound', '求职者档案', 'Seeker file')

/** A file is seen by its own seeker and by officers of its township (or the district). */
export async function loadSeekerFor(deps: Deps, auth: Auth, id: string): Promise<Seeker> {
  const s = await getSeeker(deps.db, id)
  if (!s) throw missing()
  const own = auth.role === 'seeker' && s.userId === auth.userId
  if (own || inScope(auth, s.township)) return s
  // Reading or writing, outside one's scope the file does not exist: ids cannot be probed.
  throw missing()
}

export const seekers = new Hono<Env>()
  .get('/', validate('query', SeekerSearch), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const q = c.req.valid('query')
    return c.json(await searchSeekers(c.var.deps.db, q, listTownship(auth, q.township)))
  })
  .post('/', validate('json', SeekerInput), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const input = c.req.valid('json')
    if (!inScope(auth, input.township)) throw forbidden('只能为本乡镇的群众建档', 'You can create files for your own township only')
    const { db, protector, now } = c.var.deps
    const seeker = await createSeeker(db, protector, input, auth, { now: now() })
    await appendAudit(db, { objectType: 'seeker', objectId: seeker.id, action: 'seeker.create', actorId: auth.userId, actorRole: auth.role, after: { township: seeker.township, onBehalf: true } }, now())
    return c.json(seeker, 201)
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const auth = requireUser(c)
    return c.json(await loadSeekerFor(c.var.deps, auth, c.req.valid('param').id))
  })
  .put('/:id', validate('param', IdParam), validate('json', SeekerInput), async (c) => {
    const auth = requireUser(c)
    const { db, protector, now } = c.var.deps
    const current = await loadSeekerFor(c.var.deps, auth, c.req.valid('param').id)
    const body = c.req.valid('json')
    // A seeker's phone is the account's, verified at sign-in; only officers record another one.
    const { phone, ...rest } = body
    const input = isOfficer(auth) ? body : rest
    void phone // dropped for seekers
    if (isOfficer(auth) && !inScope(auth, input.township)) throw forbidden('不能把档案移出您的辖区', 'You cannot move a file outside your township')
    const updated = await updateSeeker(db, protector, current.id, input, auth, now())
    const changed = Object.entries(input)
      .filter(([k, v]) => k !== 'idNumber' && k !== 'phone' && JSON.stringify(v) !== JSON.stringify((current as Record<string, unknown>)[k]))
      .map(([k]) => k)
    // The audit names what changed, never the personal values themselves.
    await appendAudit(db, { objectType: 'seeker', objectId: current.id, action: 'seeker.update', actorId: auth.userId, actorRole: auth.role, after: { fields: changed, idNumberChanged: updated.idNumberMasked !== current.idNumberMasked } }, now())
    return c.json(updated)
  })
  .post('/:id/reveal-id', validate('param', IdParam), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const { db, protector, now } = c.var.deps
    const s = await loadSeekerFor(c.var.deps, auth, c.req.valid('param').id)
    const idNumber = await revealIdNumber(db, protector, s.id)
    // PIPL art. 28: every view of a full ID number is recorded, before it is answered.
    await appendAudit(db, { objectType: 'seeker', objectId: s.id, action: 'idNumber.reveal', actorId: auth.userId, actorRole: auth.role }, now())
    c.header('Cache-Control', 'no-store')
    return c.json({ idNumber })
  })
