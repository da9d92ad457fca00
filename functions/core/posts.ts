/** 岗位 posts: who publishes what kind, who manages a post, its lifecycle and browse. */
import { isPlainListing } from '../../shared/browse.js'
import { DomainError } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { NewPost, Post, PostPatch, PostQuery, PostStatus } from '../../shared/schemas/posts.js'
import type * as z from 'zod'
import { browseOpenPosts, createPost, getPost, listOpenPosts, listPostsOf, syncFilledStatus, updatePost } from '../db/posts.js'
import { getWorkshop, listWorkshopsOfOwner } from '../db/workshops.js'
import { allow, by, forbidden, inScope, isOfficer, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'

/** Who may edit a post and see its applicants: its author (the workshop owner) or an officer in scope. */
export const canManage = (actor: Actor, post: Post) => post.createdBy === actor.userId || inScope(actor, post.township)

const isPublic = (p: Post) => p.status === 'open' || p.status === 'filled'

/** A post as anyone sees it: open and filled posts are public; drafts, paused and closed ones exist only for those who manage them. */
export async function fromId(deps: Deps, actor: Actor | undefined, id: string): Promise<Post> {
  const post = await getPost(deps.db, id)
  if (!post || !(isPublic(post) || (actor && canManage(actor, post)))) throw notFound('post')
  return post
}

/** A post to manage (edit, applicants, placements, candidates): its author or an officer in scope; to anyone else 404. */
export async function toManage(deps: Deps, actor: Actor, id: string): Promise<Post> {
  allow(actor, 'owner', 'officer', 'admin')
  const post = await getPost(deps.db, id)
  if (!post || !canManage(actor, post)) throw notFound('post')
  return post
}

export function browse(deps: Deps, q: PostQuery): Promise<Page<Post>> {
  return isPlainListing(q) ? listOpenPosts(deps.db, q) : browseOpenPosts(deps.db, q)
}

/** Owners publish for their recognized workshop; officers publish public-welfare, enterprise and labor-export posts in scope. */
export async function create(deps: Deps, actor: Actor, body: z.infer<typeof NewPost>): Promise<Post> {
  allow(actor, 'owner', 'officer', 'admin')
  const { publish, ...input } = body
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
  return createPost(deps.db, input, actor.userId, {
    status: publish ? 'open' : 'draft',
    now: deps.now(),
    ...(workshopName ? { workshopName } : {}),
    audit: (p) => ({ objectType: 'post', objectId: p.id, action: 'post.create', ...by(actor), after: { status: p.status, kind: p.kind, headcount: p.headcount } }),
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
  const { status, ...fields } = patch
  const min = fields.ageMin ?? post.ageMin
  const max = fields.ageMax ?? post.ageMax
  if (min > max) throw new DomainError('post.ageRange', 'invalid', '年龄下限不能大于上限', 'Minimum age exceeds maximum age')
  const move = status && status !== post.status ? status : undefined
  if (move && !FROM[move].includes(post.status)) {
    throw new DomainError('post.badTransition', 'conflict', `岗位状态为 ${post.status}，不能改为 ${move}`, `A ${post.status} post cannot become ${move}`)
  }
  if (!move && Object.keys(fields).length === 0) return post
  const changed = Object.keys(fields)
  let updated = await updatePost(deps.db, post, { fields, ...(move ? { status: move } : {}) }, deps.now(), {
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

/** The signed-in owner's posts (every status, all their workshops), or an officer's own public-welfare posts. */
export async function mine(deps: Deps, actor: Actor): Promise<Page<Post>> {
  allow(actor, 'owner', 'officer', 'admin')
  if (actor.role !== 'owner') return listPostsOf(deps.db, { createdBy: actor.userId })
  // An owner has one or a few workshops: their posts, every status, newest first.
  const workshops = (await listWorkshopsOfOwner(deps.db, actor.userId)).items
  const pages = await Promise.all(workshops.map((w) => listPostsOf(deps.db, { workshopId: w.id })))
  return { items: pages.flatMap((p) => p.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt)), nextCursor: null }
}
