import { Hono } from 'hono'
import * as z from 'zod'
import { notFound } from '../../../shared/access.js'
import { ApplicationId, HireInput, RejectInput, splitApplicationId, type Application } from '../../../shared/schemas/applications.js'
import { appendAudit } from '../../db/audit.js'
import { getApplication, hire, setApplicationStatus } from '../../db/applications.js'
import { getPost } from '../../db/posts.js'
import { getSeeker } from '../../db/seekers.js'
import { requireUser } from '../auth.js'
import type { Auth, Deps, Env } from '../context.js'
import { notifySeeker } from '../../core/notify.js'
import { validate } from '../validate.js'
import { canManagePost } from './posts.js'

const Param = z.object({ id: ApplicationId })
const missing = () => notFound('application.notFound', '申请', 'Application')

/** Loads an application for the post's side (author or officer in scope) or for its own seeker. */
async function load(deps: Deps, auth: Auth, id: string, as: 'post' | 'seeker') {
  const { postId, seekerId } = splitApplicationId(id)
  const [app, post] = await Promise.all([getApplication(deps.db, postId, seekerId), getPost(deps.db, postId)])
  if (!app || !post) throw missing()
  if (as === 'post') {
    if (!canManagePost(auth, post)) throw missing()
  } else {
    const seeker = await getSeeker(deps.db, seekerId)
    if (!seeker || seeker.userId !== auth.userId) throw missing()
  }
  return { app, post }
}

async function tell(deps: Deps, app: Application, title: string, body: string) {
  const seeker = await getSeeker(deps.db, app.seekerId)
  if (seeker) await notifySeeker(deps, seeker, { kind: 'application', title, body, link: '/seeker/applications' })
}

export const applications = new Hono<Env>()
  .post('/:id/shortlist', validate('param', Param), async (c) => {
    const auth = requireUser(c, 'owner', 'officer', 'admin')
    const { app } = await load(c.var.deps, auth, c.req.valid('param').id, 'post')
    const updated = await setApplicationStatus(c.var.deps.db, app.postId, app.seekerId, ['applied'], 'shortlisted', {}, c.var.deps.now())
    await tell(c.var.deps, updated, '申请进入候选', `您申请的「${app.postTitle}」已进入候选名单。`)
    return c.json(updated)
  })
  .post('/:id/reject', validate('param', Param), validate('json', RejectInput), async (c) => {
    const auth = requireUser(c, 'owner', 'officer', 'admin')
    const { app } = await load(c.var.deps, auth, c.req.valid('param').id, 'post')
    const { reason } = c.req.valid('json')
    const updated = await setApplicationStatus(c.var.deps.db, app.postId, app.seekerId, ['applied', 'shortlisted'], 'rejected', { reason }, c.var.deps.now())
    await tell(c.var.deps, updated, '申请未通过', `您申请的「${app.postTitle}」未通过：${reason}`)
    return c.json(updated)
  })
  .post('/:id/hire', validate('param', Param), validate('json', HireInput), async (c) => {
    const auth = requireUser(c, 'owner', 'officer', 'admin')
    const deps = c.var.deps
    const { app, post } = await load(deps, auth, c.req.valid('param').id, 'post')
    const result = await hire(deps.db, app, post, c.req.valid('json').startDate, auth.userId, deps.now())
    await appendAudit(deps.db, { objectType: 'placement', objectId: result.placement.id, action: 'placement.hire', actorId: auth.userId, actorRole: auth.role, after: { postId: post.id, seekerId: app.seekerId } }, deps.now())
    await tell(deps, result.application, '您已被录用', `「${app.postTitle}」录用了您，上岗日期 ${result.placement.startDate}。`)
    return c.json(result)
  })
  .post('/:id/withdraw', validate('param', Param), async (c) => {
    const auth = requireUser(c, 'seeker')
    const { app } = await load(c.var.deps, auth, c.req.valid('param').id, 'seeker')
    const updated = await setApplicationStatus(c.var.deps.db, app.postId, app.seekerId, ['applied', 'shortlisted'], 'withdrawn', {}, c.var.deps.now())
    await tell(c.var.deps, updated, '申请已撤回', `您已撤回对「${app.postTitle}」的申请。`)
    return c.json(updated)
  })

