/** 岗位 posts: who publishes what kind, who manages a post, its lifecycle and browse. */
import { listPosts, pageOf, type Listed } from '../../shared/browse.js'
import type { IndexRow } from '../../shared/post-index.js'
import { districtDate } from '../../shared/district-date.js'
import { DomainError, FieldRefusal, isDomainError } from '../../shared/errors.js'
import { wageRefusal, type WageLike } from '../../shared/wage-rules.js'
import { isPastDeadline } from '../../shared/post-deadline.js'
import type { Page } from '../../shared/schemas/common.js'
import type { NewPost, Post, PostDetail, PostKind, PostPatch, PostQuery, PostStatus } from '../../shared/schemas/posts.js'
import type * as z from 'zod'
import { createPost, getPost, listAllOpenPosts, listPostsOf, listPostsOfWorkshops, syncFilledStatus, updatePost } from '../db/posts.js'
import { allWorkshopsOfOwner, getWorkshop } from '../db/workshops.js'
import { cursorScope, offsetCursor, readOffsetCursor } from '../db/cursor.js'
import { openPostRows } from '../db/post-index.js'
import { postContactView, sealContact } from '../db/contacts.js'
import { allow, by, forbidden, inScope, isOfficer, notFound } from './access.js'
import { policyFor } from './policies.js'
import type { Actor, Deps } from './deps.js'

/** Who may edit a post and see its applicants: its author (the workshop owner) or an officer in scope. */
export const canManage = (actor: Actor, post: Post) => post.createdBy === actor.userId || inScope(actor, post.township)

const isPublic = (p: Post) => p.status === 'open' || p.status === 'filled'

/** Open and filled posts are public, until their deadline (the district's day) has passed, even before the daily job closes them. */
export const isPublicOn = (p: Post, today: string): boolean => isPublic(p) && !isPastDeadline(p, today)

/** A post as anyone sees it: open and filled posts are public; drafts, paused and closed ones exist only for those who manage them. */
export async function fromId(deps: Deps, actor: Actor | undefined, id: string): Promise<Post> {
  const post = await getPost(deps.db, id)
  if (!post || !(isPublicOn(post, districtDate(deps.now())) || (actor && canManage(actor, post)))) throw notFound('post')
  return post
}

/** A post's own page: the post, and who to call (name and masked phone; the number only through the audited reveal). */
export async function detail(deps: Deps, actor: Actor | undefined, id: string): Promise<PostDetail> {
  const post = await fromId(deps, actor, id)
  return { ...post, contact: (await postContactView(deps.db, post)) ?? null }
}

/** A post to manage (edit, applicants, placements, candidates): its author or an officer in scope; to anyone else 404. */
export async function toManage(deps: Deps, actor: Actor, id: string): Promise<Post> {
  allow(actor, 'owner', 'officer', 'admin')
  const post = await getPost(deps.db, id)
  if (!post || !canManage(actor, post)) throw notFound('post')
  return post
}

/**
 * Listings already made in this container, per version of the index (the rows' array is new when
 * any post changes): the same search or filters asked again, by anyone, is a slice of the kept
 * listing. A hundred kept per version (a few MB at most); the oldest go first.
 */
const listings = new WeakMap<readonly IndexRow[], Map<string, Listed[]>>()
const LISTINGS_KEPT = 100

function listingOf(rows: readonly IndexRow[], q: PostQuery, today: string): Listed[] {
  const { limit: _l, cursor: _c, ...what } = q
  const key = `${today}|${JSON.stringify(what)}`
  let kept = listings.get(rows)
  if (!kept) listings.set(rows, (kept = new Map()))
  let listed = kept.get(key)
  if (!listed) {
    listed = listPosts(rows, what, today)
    if (kept.size >= LISTINGS_KEPT) kept.delete(kept.keys().next().value!)
    kept.set(key, listed)
  }
  return listed
}

/**
 * Public browse, search, filters and sorts, over the index of open posts (one small Query when
 * nothing changed, whatever the district's size; none within the container's recheck window):
 * the cursor is a signed offset, valid for these filters only.
 */
export async function browse(deps: Deps, q: PostQuery): Promise<Page<Post>> {
  // Page size and position are not part of what the query is (undefined drops out of the scope).
  const scope = cursorScope('browse', { ...q, limit: undefined, cursor: undefined })
  const start = readOffsetCursor(deps.db.cursors, scope, q.cursor)
  const { rows } = await openPostRows(deps.db)
  const page = pageOf(listingOf(rows, q, districtDate(deps.now())), start, q.limit)
  return { items: page.items, nextCursor: offsetCursor(deps.db.cursors, scope, page.nextStart) }
}

/**
 * The year's pay rules (shared/wage-rules.ts): the minimum wage, or the public-welfare standard.
 * A year whose policy is not entered yet has no figures to compare with, so nothing is refused for it.
 */
async function checkWage(deps: Deps, kind: PostKind, wage: WageLike, today: string): Promise<void> {
  let policy
  try {
    policy = await policyFor(deps.db, Number(today.slice(0, 4)), today)
  } catch (e) {
    if (isDomainError(e) && e.code === 'policy.missing') return
    throw e
  }
  const refusal = wageRefusal(kind, wage, policy)
  if (refusal) throw new FieldRefusal(refusal.code, refusal.field, refusal.message, refusal.messageEn)
}

/** A post is not opened with its deadline (the district's day) already past. */
function checkDeadline(deadline: string | null | undefined, today: string): void {
  if (deadline && deadline < today) throw new FieldRefusal('post.deadlinePast', 'deadline', `截止日期已过（今天是 ${today}），不能发布`, `The deadline has passed (today is ${today}); the post cannot be published`)
}

/** Owners publish for their recognized workshop; officers publish public-welfare, enterprise and labor-export posts in scope. */
export async function create(deps: Deps, actor: Actor, body: z.infer<typeof NewPost>): Promise<Post> {
  allow(actor, 'owner', 'officer', 'admin')
  const { publish, contact, ...input } = body
  let workshopName: string | undefined
  if (input.kind === 'workshop') {
    if (!input.workshopId) throw new DomainError('post.workshopRequired', 'invalid', '车间岗位需选择车间', 'A workshop post needs its workshop')
    const w = await getWorkshop(deps.db, input.workshopId)
    if (!w || !(w.ownerId === actor.userId || inScope(actor, w.township))) throw notFound('workshop')
    if (w.status !== 'recognized') throw new DomainError('workshop.notRecognized', 'forbidden', '车间通过认定后才能发布岗位', 'A workshop can publish posts once it is recognized')
    // The post is where the workshop is.
    input.township = w.township
    input.village = w.village
    workshopName = w.name
  } else {
    if (input.workshopId) throw new DomainError('post.workshopNotAllowed', 'invalid', '此类岗位不属于车间', 'Only workshop posts belong to a workshop')
    if (!isOfficer(actor)) throw forbidden('公益性岗位、企业岗位和劳务输出由就业专干发布', 'Officers publish public-welfare, enterprise and labor-export posts')
    if (!inScope(actor, input.township)) throw forbidden('只能在本乡镇发布岗位', 'You can publish in your own township only')
  }
  const today = districtDate(deps.now())
  if (publish) checkDeadline(input.deadline, today)
  await checkWage(deps, input.kind, input.wage, today)
  return createPost(deps.db, input, actor.userId, {
    status: publish ? 'open' : 'draft',
    now: deps.now(),
    ...(workshopName ? { workshopName } : {}),
    ...(contact ? { contact: sealContact(deps.protector, contact) } : {}),
    // Whether a contact person was given, never who or which number.
    audit: (p) => ({ objectType: 'post', objectId: p.id, action: 'post.create', ...by(actor), after: { status: p.status, kind: p.kind, headcount: p.headcount, contact: Boolean(contact) } }),
  })
}

/** Lifecycle moves allowed through an edit; `filled` follows the counts by itself. */
const FROM: Record<'open' | 'paused' | 'closed', PostStatus[]> = {
  open: ['draft', 'paused'],
  paused: ['open', 'filled'],
  closed: ['draft', 'open', 'paused', 'filled'],
}

export async function edit(deps: Deps, actor: Actor, id: string, patch: z.infer<typeof PostPatch>): Promise<Post> {
  const post = await toManage(deps, actor, id)
  const { status, contact, ...fields } = patch
  const min = fields.ageMin ?? post.ageMin
  const max = fields.ageMax ?? post.ageMax
  if (min > max) throw new DomainError('post.ageRange', 'invalid', '年龄下限不能大于上限', 'Minimum age exceeds maximum age')
  const move = status && status !== post.status ? status : undefined
  if (move && !FROM[move].includes(post.status)) {
    throw new DomainError('post.badTransition', 'conflict', `岗位状态为 ${post.status}，不能改为 ${move}`, `A ${post.status} post cannot become ${move}`)
  }
  if (!move && Object.keys(fields).length === 0 && contact === undefined) return post
  const today = districtDate(deps.now())
  if (move === 'open' || (fields.deadline !== undefined && (move ?? post.status) === 'open')) checkDeadline(fields.deadline === undefined ? post.deadline : fields.deadline, today)
  if (fields.wage) await checkWage(deps, post.kind, fields.wage, today)
  // The audit names what changed: `contact` when the contact person was set or removed, never its values.
  const changed = [...Object.keys(fields), ...(contact === undefined ? [] : ['contact'])]
  const contactChange = contact === undefined ? {} : { contact: contact ? sealContact(deps.protector, contact) : null }
  let updated = await updatePost(deps.db, post, { fields, ...(move ? { status: move } : {}), ...contactChange }, deps.now(), {
    objectType: 'post',
    objectId: post.id,
    action: 'post.edit',
    ...by(actor),
    before: { status: post.status },
    after: { status: move ?? post.status, fields: changed },
  })
  if (fields.headcount !== undefined) updated = (await syncFilledStatus(deps.db, post.id)) ?? updated
  return updated
}

/** The signed-in owner's posts (every status, all their workshops), or an officer's own public-welfare posts, a page at a time. */
export async function mine(deps: Deps, actor: Actor, page: { limit: number; cursor?: string }): Promise<Page<Post>> {
  allow(actor, 'owner', 'officer', 'admin')
  if (actor.role !== 'owner') return listPostsOf(deps.db, { createdBy: actor.userId }, page.limit, page.cursor)
  // An owner has one or a few workshops: their posts, every status, newest first as one list.
  const workshops = await allWorkshopsOfOwner(deps.db, actor.userId)
  return listPostsOfWorkshops(deps.db, workshops.map((w) => w.id), page)
}

/**
 * The daily job: each open post whose deadline (the district's day) has passed is closed, with its
 * audit event, by the system. Reads already leave such posts out (browse, fromId, matching).
 */
export async function closeExpired(deps: Deps): Promise<{ closed: string[] }> {
  const today = districtDate(deps.now())
  const expired = (await listAllOpenPosts(deps.db, {})).filter((p) => isPastDeadline(p, today))
  const closed: string[] = []
  for (const post of expired) {
    try {
      await updatePost(deps.db, post, { status: 'closed' }, deps.now(), { objectType: 'post', objectId: post.id, action: 'post.closeExpired', actorId: 'system', actorRole: 'system', before: { status: post.status }, after: { status: 'closed', deadline: post.deadline } })
      closed.push(post.id)
    } catch (e) {
      // Changed meanwhile (paused, filled, closed by hand): the next run looks again.
      if (!(isDomainError(e) && e.kind === 'conflict')) throw e
    }
  }
  deps.log.info('posts.closeExpired', { today, closed: closed.length })
  return { closed }
}
