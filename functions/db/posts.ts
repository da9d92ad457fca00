import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import { villageByCode } from '../../shared/geo.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Post, PostInput, PostQuery, PostStatus } from '../../shared/schemas/posts.js'
import type { Db } from './client.js'
import { isTransactionConflict, orConflict, retryConflicts } from './errors.js'
import { auditPut, type AuditDraft } from './audit.js'
import { transact } from './tx.js'
import { indexWrites, searchKeysOf } from './post-index.js'
import { newId } from './ids.js'
import { postIndexKeys, postKey, postListing, postsOfCreator, postsOfWorkshop, stripKeys } from './keys.js'
import { queryAll, queryMergedPage, queryPage } from './query.js'
import { contactDelete, contactPut, type SealedContact } from './contacts.js'


export async function createPost(
  db: Db,
  input: PostInput,
  createdBy: string,
  opts: { status?: PostStatus; workshopName?: string; now?: Date; id?: string; contact?: SealedContact; audit?: (p: Post) => AuditDraft } = {},
): Promise<Post> {
  const now = (opts.now ?? new Date()).toISOString()
  const status = opts.status ?? 'draft'
  const post: Post = {
    id: opts.id ?? newId(),
    ...input,
    ...(opts.workshopName ? { workshopName: opts.workshopName } : {}),
    ...(input.village ? { villageName: villageByCode.get(input.village)?.name } : {}),
    // Seeded or imported posts may arrive already full.
    filled: status === 'filled' ? input.headcount : 0,
    status,
    createdBy,
    createdAt: now,
    ...(status === 'open' ? { publishedAt: now } : {}),
  }
  const keys = post.status === 'open' ? await searchKeysOf(post) : undefined
  await orConflict(
    // Retried when only another post's write to the same index chunk got in the way.
    () =>
      retryConflicts(() => transact(db, [
        { Put: { TableName: db.table, Item: { ...postKey(post.id), entity: 'post', ...postIndexKeys(post), ...post }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...indexWrites(db, undefined, post, keys),
        // The contact person beside the post, never in it: lists read the post item.
        ...(opts.contact ? [contactPut(db, { post: post.id }, opts.contact, new Date(now))] : []),
        ...(opts.audit ? [auditPut(db, opts.audit(post), new Date(now))] : []),
      ])),
    () => new DomainError('post.exists', 'conflict', '岗位已存在', 'Post already exists'),
  )
  return post
}

export async function getPost(db: Db, id: string, consistent = false): Promise<Post | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: postKey(id), ...(consistent ? { ConsistentRead: true } : {}) }))
  return r.Item ? stripKeys<Post>(r.Item) : undefined
}

const toPost = (i: Record<string, unknown>) => stripKeys<Post>(i)

export type ListingQuery = Pick<PostQuery, 'township' | 'kind' | 'limit' | 'cursor'>

/** Public browse: one Query on the index that matches the filters, newest first. */
export async function listOpenPosts(db: Db, q: ListingQuery): Promise<Page<Post>> {
  const { index, pk } = postListing('open', q)
  return queryPage(db, { index, pk }, q, toPost)
}

/**
 * Every open post of a listing partition (a district has hundreds): one Query, continued only if
 * the partition passes 1 MB. For jobs (match runs, the daily close, the index's rebuild): requests
 * read the index of open posts instead (post-index.ts).
 */
export async function listAllOpenPosts(db: Db, f: Pick<PostQuery, 'township' | 'kind'>): Promise<Post[]> {
  const { index, pk } = postListing('open', f)
  return queryAll(db, { index, pk }, toPost)
}

/** A workshop owner's (or, for public-welfare posts, an officer's) own posts, every status. */
export async function listPostsOf(db: Db, owner: { workshopId: string } | { createdBy: string }, limit = 50, cursor?: string): Promise<Page<Post>> {
  const pk = 'workshopId' in owner ? postsOfWorkshop(owner.workshopId) : postsOfCreator(owner.createdBy)
  return queryPage(db, { index: 'GSI5', pk }, { limit, cursor }, toPost)
}

/** The posts of several workshops (an owner's), every status, newest first as one list, a page at a time. */
export const listPostsOfWorkshops = (db: Db, workshopIds: readonly string[], page: { limit: number; cursor?: string }): Promise<Page<Post>> =>
  queryMergedPage(db, workshopIds.map((id) => ({ index: 'GSI5', pk: postsOfWorkshop(id) })), page, toPost)

/** Every post of a workshop, every status (its reward counts the placements of all of them). */
export const allPostsOfWorkshop = (db: Db, workshopId: string): Promise<Post[]> => queryAll(db, { index: 'GSI5', pk: postsOfWorkshop(workshopId) }, toPost)

const EDITABLE = ['title', 'description', 'headcount', 'wage', 'skills', 'intensity', 'accommodation', 'meals', 'ageMin', 'ageMax', 'deadline'] as const
export type PostFields = Partial<Omit<Pick<Post, (typeof EDITABLE)[number]>, 'deadline'>> & { deadline?: string | null }

/**
 * Changes a post as read: its fields and/or its status, in one conditional update (the status as
 * read, and a headcount never below the places filled) with its audit event when there is one.
 * The listing keys carry the status, so they are derived again from the post as it will be.
 * `contact` sets (or, `null`, removes) the post's own contact person in the same transaction.
 */
export async function updatePost(db: Db, post: Post, change: { fields?: PostFields; status?: PostStatus; contact?: SealedContact | null }, now: Date, audit?: AuditDraft): Promise<Post> {
  const fields = change.fields ?? {}
  const to = change.status ?? post.status
  const publishedAt = to === 'open' && !post.publishedAt ? now.toISOString() : post.publishedAt
  const next = { ...post, status: to, ...(publishedAt ? { publishedAt } : {}) } as Post
  const sets: string[] = ['#s = :to']
  const removes: string[] = []
  const names: Record<string, string> = { '#s': 'status' }
  const values: Record<string, unknown> = { ':to': to, ':from': post.status }
  for (const k of EDITABLE) {
    if (!(k in fields)) continue
    const v = fields[k]
    names[`#${k}`] = k
    if (v === null || v === undefined) {
      removes.push(`#${k}`)
      delete (next as Record<string, unknown>)[k]
    } else {
      sets.push(`#${k} = :${k}`)
      values[`:${k}`] = v
      ;(next as Record<string, unknown>)[k] = v
    }
  }
  if (publishedAt) {
    sets.push('publishedAt = :pub')
    values[':pub'] = publishedAt
  }
  for (const [k, v] of Object.entries(postIndexKeys(next))) {
    sets.push(`${k} = :${k}`)
    values[`:${k}`] = v
  }
  // The index row is the post as it will be: the post must still have the places filled as read.
  const keys = next.status === 'open' ? await searchKeysOf(next) : undefined
  if (keys) values[':filled'] = post.filled
  await orConflict(
    () =>
      retryConflicts(() => transact(db, [
        {
          Update: {
            TableName: db.table,
            Key: postKey(post.id),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: '#s = :from' + (keys ? ' AND filled = :filled' : '') + (fields.headcount !== undefined ? ' AND filled <= :headcount' : ''),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        ...indexWrites(db, post, next, keys),
        ...(change.contact === undefined ? [] : [change.contact ? contactPut(db, { post: post.id }, change.contact, now) : contactDelete(db, { post: post.id })]),
        ...(audit ? [auditPut(db, audit, now)] : []),
      ])),
    () =>
      fields.headcount !== undefined
        ? new DomainError('post.headcountBelowFilled', 'conflict', '招聘人数不能少于已录用人数，或岗位已被他人修改', 'The headcount cannot be below the places already filled (or the post changed meanwhile)')
        : new DomainError('post.changed', 'conflict', '岗位状态已被他人修改，请刷新', 'The post changed meanwhile; reload it'),
  )
  return (await getPost(db, post.id, true)) ?? next
}

/**
 * Keeps `filled` status in step with the counts after a hire, an ended placement or a new
 * headcount: full → filled, a freed place → open again. Conditional, so racing calls agree.
 */
/** Puts an open post's index row again, as read, on condition that the post is still as read. */
async function refreshIndexRow(db: Db, post: Post): Promise<void> {
  const keys = await searchKeysOf(post)
  await transact(db, [
    { ConditionCheck: { TableName: db.table, Key: postKey(post.id), ConditionExpression: '#s = :open AND filled = :f AND headcount = :h', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':open': 'open', ':f': post.filled, ':h': post.headcount } } },
    ...indexWrites(db, post, post, keys),
  ])
}

export async function syncFilledStatus(db: Db, id: string): Promise<Post | undefined> {
  // Re-read after each move: a placement ended between our read and our write is seen next round.
  for (let round = 0; round < 5; round++) {
    const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: postKey(id), ConsistentRead: true }))
    if (!r.Item) return undefined
    const post = stripKeys<Post>(r.Item)
    const move =
      post.status === 'open' && post.filled >= post.headcount ? (['open', 'filled'] as const) : post.status === 'filled' && post.filled < post.headcount ? (['filled', 'open'] as const) : undefined
    if (!move) {
      if (post.status !== 'open') return post
      // A hire or an ended placement changed `filled` (ADD, in its own transaction): the index row follows it, unless the post moved on meanwhile.
      try {
        await refreshIndexRow(db, post)
        return post
      } catch (e) {
        if (isTransactionConflict(e)) continue
        throw e
      }
    }
    try {
      // A consequence of an audited hire, end or edit: the counts move the status, nobody decides it.
      await updatePost(db, post, { status: move[1] }, new Date())
    } catch (e) {
      if (!(e instanceof DomainError && e.kind === 'conflict')) throw e
    }
  }
  return getPost(db, id)
}
