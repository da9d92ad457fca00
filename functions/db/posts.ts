import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import { villageByCode } from '../../shared/geo.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Post, PostInput, PostQuery, PostStatus } from '../../shared/schemas/posts.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { newId } from './ids.js'
import { postIndexKeys, postKey, postListing, postsOfCreator, postsOfWorkshop, stripKeys } from './keys.js'
import { queryAll, queryPage } from './query.js'

const notFound = () => new DomainError('post.notFound', 'notFound', '岗位不存在', 'Post not found')

export async function createPost(
  db: Db,
  input: PostInput,
  createdBy: string,
  opts: { status?: PostStatus; workshopName?: string; now?: Date; id?: string } = {},
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
  await orConflict(
    () =>
      db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { ...postKey(post.id), entity: 'post', ...postIndexKeys(post), ...post },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    () => new DomainError('post.exists', 'conflict', '岗位已存在', 'Post already exists'),
  )
  return post
}

export async function getPost(db: Db, id: string): Promise<Post | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: postKey(id) }))
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
 * the partition passes 1 MB. Browse filters and sorts this in memory (shared/browse.ts).
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

/**
 * Moves a post between statuses. The listing keys carry the status, so they move with it; the
 * condition on the current status makes two racing changes resolve to one.
 */
export async function changePostStatus(db: Db, id: string, from: readonly PostStatus[], to: PostStatus, now = new Date()): Promise<Post> {
  const post = await getPost(db, id)
  if (!post) throw notFound()
  if (!from.includes(post.status)) {
    throw new DomainError('post.badTransition', 'conflict', `岗位状态为 ${post.status}，不能改为 ${to}`, `A ${post.status} post cannot become ${to}`)
  }
  const publishedAt = to === 'open' && !post.publishedAt ? now.toISOString() : post.publishedAt
  const keys = postIndexKeys({ ...post, status: to, publishedAt })
  const r = await orConflict(
    () =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: postKey(id),
          UpdateExpression:
            'SET #s = :to, GSI1PK = :g1, GSI1SK = :s1, GSI2PK = :g2, GSI2SK = :s2, GSI3PK = :g3, GSI3SK = :s3, GSI4PK = :g4, GSI4SK = :s4' +
            (publishedAt ? ', publishedAt = :pub' : ''),
          ConditionExpression: '#s = :from',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':to': to,
            ':from': post.status,
            ':g1': keys.GSI1PK,
            ':s1': keys.GSI1SK,
            ':g2': keys.GSI2PK,
            ':s2': keys.GSI2SK,
            ':g3': keys.GSI3PK,
            ':s3': keys.GSI3SK,
            ':g4': keys.GSI4PK,
            ':s4': keys.GSI4SK,
            ...(publishedAt ? { ':pub': publishedAt } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    () => new DomainError('post.changed', 'conflict', '岗位状态已被他人修改，请刷新', 'The post changed meanwhile; reload it'),
  )
  return stripKeys<Post>(r.Attributes ?? {})
}

const EDITABLE = ['title', 'description', 'headcount', 'wage', 'skills', 'intensity', 'accommodation', 'meals', 'ageMin', 'ageMax', 'deadline'] as const
export type PostFields = Partial<Omit<Pick<Post, (typeof EDITABLE)[number]>, 'deadline'>> & { deadline?: string | null }

/** Edits a post's fields; the headcount can never drop below the places already filled. */
export async function updatePostFields(db: Db, id: string, fields: PostFields): Promise<Post> {
  const sets: string[] = []
  const removes: string[] = []
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  for (const k of EDITABLE) {
    if (!(k in fields)) continue
    const v = fields[k]
    names[`#${k}`] = k
    if (v === null || v === undefined) removes.push(`#${k}`)
    else {
      sets.push(`#${k} = :${k}`)
      values[`:${k}`] = v
    }
  }
  if (sets.length + removes.length === 0) {
    const p = await getPost(db, id)
    if (!p) throw notFound()
    return p
  }
  const r = await orConflict(
    () =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: postKey(id),
          UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
          ConditionExpression: 'attribute_exists(PK)' + (fields.headcount !== undefined ? ' AND filled <= :headcount' : ''),
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    () => new DomainError('post.headcountBelowFilled', 'conflict', '招聘人数不能少于已录用人数', 'The headcount cannot be below the places already filled'),
  )
  return stripKeys<Post>(r.Attributes ?? {})
}

/**
 * Keeps `filled` status in step with the counts after a hire, an ended placement or a new
 * headcount: full → filled, a freed place → open again. Conditional, so racing calls agree.
 */
export async function syncFilledStatus(db: Db, id: string): Promise<Post | undefined> {
  // Re-read after each move: a placement ended between our read and our write is seen next round.
  for (let round = 0; round < 5; round++) {
    const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: postKey(id), ConsistentRead: true }))
    if (!r.Item) return undefined
    const post = stripKeys<Post>(r.Item)
    const move =
      post.status === 'open' && post.filled >= post.headcount ? (['open', 'filled'] as const) : post.status === 'filled' && post.filled < post.headcount ? (['filled', 'open'] as const) : undefined
    if (!move) return post
    try {
      await changePostStatus(db, id, [move[0]], move[1])
    } catch (e) {
      if (!(e instanceof DomainError && e.kind === 'conflict')) throw e
    }
  }
  return getPost(db, id)
}
