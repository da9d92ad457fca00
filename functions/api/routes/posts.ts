import { Hono } from 'hono'
import { forbidden, inScope, isOfficer, notFound } from '../../../shared/access.js'
import { browsePosts, isPlainListing } from '../../../shared/browse.js'
import { DomainError } from '../../../shared/errors.js'
import { ApplicationStatus, ApplyInput } from '../../../shared/schemas/applications.js'
import { IdParam, PageQuery } from '../../../shared/schemas/common.js'
import { NewPost, PostPatch, PostQuery, type Post, type PostStatus } from '../../../shared/schemas/posts.js'
import { apply, listApplicationsOfPost } from '../../db/applications.js'
import { changePostStatus, createPost, getPost, listAllOpenPosts, listOpenPosts, syncFilledStatus, updatePostFields } from '../../db/posts.js'
import { getSeekerOfUser } from '../../db/seekers.js'
import { getWorkshop } from '../../db/workshops.js'
import { requireUser } from '../auth.js'
import type { Auth, Deps, Env } from '../context.js'
import { notifySeeker } from '../../core/notify.js'
import { validate } from '../validate.js'

const missing = () => notFound('post.notFound', '岗位', 'Post')

/** Who may edit a post and see its applicants: its author (the workshop owner) or an officer in scope. */
export const canManagePost = (auth: Auth, post: Post) => post.createdBy === auth.userId || inScope(auth, post.township)

export async function loadPostToManage(deps: Deps, auth: Auth, id: string): Promise<Post> {
  const post = await getPost(deps.db, id)
  if (!post) throw missing()
  if (!canManagePost(auth, post)) {
    // Anyone may know an open post exists; managing it is another matter.
    if (post.status === 'open' || post.status === 'filled') throw forbidden('只有岗位发布者或辖区专干可以管理', 'Only the post’s author or an officer in scope may manage it')
    throw missing()
  }
  return post
}

/** Lifecycle moves allowed through PATCH; `filled` follows the counts by itself. */
const FROM: Record<'open' | 'paused' | 'closed', PostStatus[]> = {
  open: ['draft', 'paused'],
  paused: ['open', 'filled'],
  closed: ['draft', 'open', 'paused', 'filled'],
}

export const posts = new Hono<Env>()
  .get('/', validate('query', PostQuery), async (c) => {
    const q = c.req.valid('query')
    const { db } = c.var.deps
    if (isPlainListing(q)) return c.json(await listOpenPosts(db, q))
    return c.json(browsePosts(await listAllOpenPosts(db, q), q))
  })
  .post('/', validate('json', NewPost), async (c) => {
    const auth = requireUser(c, 'owner', 'officer', 'admin')
    const { publish, ...input } = c.req.valid('json')
    const { db, now } = c.var.deps
    let workshopName: string | undefined
    if (input.kind === 'workshop') {
      if (!input.workshopId) throw new DomainError('post.workshopRequired', 'invalid', '车间岗位需选择车间', 'A workshop post needs its workshop')
      const w = await getWorkshop(db, input.workshopId)
      if (!w || !(w.ownerId === auth.userId || inScope(auth, w.township))) throw notFound('workshop.notFound', '车间', 'Workshop')
      if (w.status !== 'recognized') throw new DomainError('workshop.notRecognized', 'forbidden', '车间通过认定后才能发布岗位', 'A workshop can publish posts once it is recognized')
      // The post is where the workshop is.
      input.township = w.township
      input.village = w.village
      workshopName = w.name
    } else {
      if (input.workshopId) throw new DomainError('post.workshopNotAllowed', 'invalid', '此类岗位不属于车间', 'Only workshop posts belong to a workshop')
      if (!isOfficer(auth)) throw forbidden('公益性岗位、企业岗位和劳务输出由就业专干发布', 'Officers publish public-welfare, enterprise and labor-export posts')
      if (!inScope(auth, input.township)) throw forbidden('只能在本乡镇发布岗位', 'You can publish in your own township only')
    }
    const post = await createPost(db, input, auth.userId, { status: publish ? 'open' : 'draft', now: now(), ...(workshopName ? { workshopName } : {}) })
    return c.json(post, 201)
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const post = await getPost(c.var.deps.db, c.req.valid('param').id)
    const auth = c.get('auth')
    // Drafts, paused and closed posts are visible to those who manage them; to anyone else they do not exist.
    const visible = post && (post.status === 'open' || post.status === 'filled' || (auth && canManagePost(auth, post)))
    if (!post || !visible) throw missing()
    return c.json(post)
  })
  .patch('/:id', validate('param', IdParam), validate('json', PostPatch), async (c) => {
    const auth = requireUser(c, 'owner', 'officer', 'admin')
    const { db } = c.var.deps
    const post = await loadPostToManage(c.var.deps, auth, c.req.valid('param').id)
    const { status, ...fields } = c.req.valid('json')
    const min = fields.ageMin ?? post.ageMin
    const max = fields.ageMax ?? post.ageMax
    if (min > max) throw new DomainError('post.ageRange', 'invalid', '年龄下限不能大于上限', 'Minimum age exceeds maximum age')
    let updated = Object.keys(fields).length ? await updatePostFields(db, post.id, fields) : post
    if (status && status !== updated.status) updated = await changePostStatus(db, post.id, FROM[status], status, c.var.deps.now())
    if (fields.headcount !== undefined) updated = (await syncFilledStatus(db, post.id)) ?? updated
    return c.json(updated)
  })
  .post('/:id/applications', validate('param', IdParam), validate('json', ApplyInput), async (c) => {
    const auth = requireUser(c, 'seeker')
    const deps = c.var.deps
    // Independent reads, side by side: an application is the seeker's most frequent write.
    const [post, seeker] = await Promise.all([getPost(deps.db, c.req.valid('param').id), getSeekerOfUser(deps.db, auth.userId)])
    if (!post || !(post.status === 'open' || post.status === 'filled' || post.status === 'paused')) throw missing()
    if (!seeker) throw new DomainError('seeker.fileRequired', 'conflict', '请先完善求职档案再申请', 'Fill in your seeker file before applying')
    const { application, created } = await apply(deps.db, post, seeker, c.req.valid('json').note, deps.now())
    if (created) await notifySeeker(deps, seeker, { kind: 'application', title: '申请已提交', body: `您已申请「${post.title}」，请留意后续通知。`, link: `/seeker/applications` })
    return c.json(application, created ? 201 : 200)
  })
  .get('/:id/applications', validate('param', IdParam), validate('query', PageQuery.extend({ status: ApplicationStatus.optional() })), async (c) => {
    const auth = requireUser(c, 'owner', 'officer', 'admin')
    const post = await loadPostToManage(c.var.deps, auth, c.req.valid('param').id)
    const q = c.req.valid('query')
    return c.json(await listApplicationsOfPost(c.var.deps.db, post.id, q.status, q.limit, q.cursor))
  })

