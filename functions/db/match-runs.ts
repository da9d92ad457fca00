import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { MessageDraft } from '../../shared/messages.js'
import type { Page } from '../../shared/schemas/common.js'
import type { MatchRun, MatchRunInput, Proposal } from '../../shared/schemas/match-runs.js'
import { auditPut, type AuditDraft } from './audit.js'
import { batchPut } from './batch.js'
import type { Db } from './client.js'
import { isTransactionConflict, orConflict, retryConflicts } from './errors.js'
import { messagePuts, newMessage } from './inbox.js'
import { newId } from './ids.js'
import { matchRunIndexKeys, matchRunKey, matchRunPartition, matchRunsOfScope, PROPOSAL_PREFIX, proposalKey, proposalSlotKey, stripKeys } from './keys.js'
import { queryAll, queryFilledPage, queryPage } from './query.js'
import { transact, type TxItem } from './tx.js'

/** A new run (queued) and its audit event, in one transaction. */
export async function createMatchRun(db: Db, scope: string, params: MatchRunInput, by: string, now: Date, audit: (r: MatchRun) => AuditDraft): Promise<MatchRun> {
  const run: MatchRun = { id: newId(), scope, params, status: 'queued', progress: { phase: 'queued', percent: 0 }, createdBy: by, createdAt: now.toISOString() }
  await transact(db, [
    { Put: { TableName: db.table, Item: { ...matchRunKey(run.id), entity: 'matchRun', ...matchRunIndexKeys(run), ...run }, ConditionExpression: 'attribute_not_exists(PK)' } },
    auditPut(db, audit(run), now),
  ])
  return run
}

export async function getMatchRun(db: Db, id: string): Promise<MatchRun | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: matchRunKey(id), ConsistentRead: true }))
  return r.Item ? stripKeys<MatchRun>(r.Item) : undefined
}

export const listMatchRuns = (db: Db, scope: string, limit = 20, cursor?: string): Promise<Page<MatchRun>> =>
  queryPage(db, { index: 'GSI1', pk: matchRunsOfScope(scope) }, { limit, cursor }, (i) => stripKeys<MatchRun>(i))

const stateConflict = () => new DomainError('matchRun.state', 'conflict', '匹配任务当前状态不允许此操作', 'The match run is not in a state for this')

/** The update of some of a run's fields, only from the given statuses if any (status, scope and creation time, its index keys, never change here). */
function runUpdate(db: Db, id: string, fields: Partial<Omit<MatchRun, 'id' | 'scope' | 'createdAt'>>, onlyIf?: { status: MatchRun['status'][] }): NonNullable<TxItem['Update']> {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  const sets = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k
    values[`:v${i}`] = v
    return `#f${i} = :v${i}`
  })
  if (onlyIf) {
    names['#status'] = 'status'
    onlyIf.status.forEach((s, i) => (values[`:s${i}`] = s))
  }
  return {
    TableName: db.table,
    Key: matchRunKey(id),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: onlyIf ? `#status IN (${onlyIf.status.map((_, i) => `:s${i}`).join(', ')})` : 'attribute_exists(PK)',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }
}

/** Updates some of a run's fields (the job's progress, status and results: not an actor's change, not audited). */
export async function updateMatchRun(db: Db, id: string, fields: Partial<MatchRun>, onlyIf?: { status: MatchRun['status'][] }): Promise<void> {
  await orConflict(() => db.doc.send(new UpdateCommand(runUpdate(db, id, fields, onlyIf))), stateConflict)
}

/**
 * An actor's move of a run from one of `from` to new fields (done → publishing), with its audit
 * event in the same transaction: of two requests at once, only one moves it and only one is audited.
 */
export async function moveMatchRun(db: Db, id: string, from: MatchRun['status'][], fields: Partial<MatchRun>, now: Date, audit: AuditDraft): Promise<void> {
  await orConflict(() => retryConflicts(() => transact(db, [{ Update: runUpdate(db, id, fields, { status: from }) }, auditPut(db, audit, now)])), stateConflict)
}

export const listProposals = (db: Db, runId: string, limit: number, cursor?: string, filter?: { township?: string; category?: string; placed?: boolean }): Promise<Page<Proposal>> => {
  const parts: string[] = []
  const values: Record<string, unknown> = {}
  if (filter?.township) {
    parts.push('township = :t')
    values[':t'] = filter.township
  }
  if (filter?.category) {
    parts.push('category = :c')
    values[':c'] = filter.category
  }
  if (filter?.placed !== undefined) parts.push(filter.placed ? 'attribute_type(postId, :str)' : 'attribute_type(postId, :null)')
  if (filter?.placed !== undefined) Object.assign(values, filter.placed ? { ':str': 'S' } : { ':null': 'NULL' })
  return queryFilledPage(
    db,
    { pk: matchRunPartition(runId), skPrefix: PROPOSAL_PREFIX, oldestFirst: true, ...(parts.length ? { filter: { expression: parts.join(' AND '), values } } : {}) },
    { limit, cursor },
    (i) => stripKeys<Proposal>(i),
  )
}

export const allProposals = (db: Db, runId: string) => queryAll(db, { pk: matchRunPartition(runId), skPrefix: PROPOSAL_PREFIX, oldestFirst: true }, (i) => stripKeys<Proposal>(i))

export async function getProposal(db: Db, runId: string, seekerId: string): Promise<Proposal | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: proposalKey(runId, seekerId) }))
  return r.Item ? stripKeys<Proposal>(r.Item) : undefined
}

export const putProposals = async (db: Db, proposals: readonly Proposal[]) => {
  const perPost = new Map<string, number>()
  for (const p of proposals) if (p.postId) perPost.set(p.postId, (perPost.get(p.postId) ?? 0) + 1)
  const runId = proposals[0]?.runId
  await batchPut(db, [
    ...proposals.map((p) => ({ ...proposalKey(p.runId, p.seekerId), entity: 'proposal', ...p })),
    ...(runId ? [...perPost].map(([postId, used]) => ({ ...proposalSlotKey(runId, postId), entity: 'proposalSlot', used })) : []),
  ])
}

/**
 * An officer's edit of one proposal, in one transaction with its audit event: only while the run
 * is `done` (not yet publishing), never proposing more people for a post than it has room for
 * (`room`: its open places now), and keeping the run's totals in step.
 */
export async function saveProposal(db: Db, prev: Proposal, next: Proposal, room: number | undefined, opts: { breakdown: boolean; audit?: AuditDraft; now?: Date }): Promise<void> {
  const delta = (next.postId ? 1 : 0) - (prev.postId ? 1 : 0)
  const names: Record<string, string> = { '#status': 'status', '#cat': prev.category, '#twp': prev.township }
  const values: Record<string, unknown> = { ':done': 'done', ':one': 1, ':zero': 0, ...(delta ? { ':d': delta } : {}) }
  const sets = ['totals.edited = if_not_exists(totals.edited, :zero) + :one']
  if (delta) sets.push('totals.placed = totals.placed + :d')
  // Runs made before the breakdown existed have no maps to add to.
  if (delta && opts.breakdown) {
    sets.push('totals.placedByCategory.#cat = if_not_exists(totals.placedByCategory.#cat, :zero) + :d')
    sets.push('totals.placedByTownship.#twp = if_not_exists(totals.placedByTownship.#twp, :zero) + :d')
  } else {
    delete names['#cat']
    delete names['#twp']
  }
  const samePost = prev.postId === next.postId
  const run: TxItem = { Update: { TableName: db.table, Key: matchRunKey(prev.runId), UpdateExpression: `SET ${sets.join(', ')}`, ConditionExpression: '#status = :done', ExpressionAttributeNames: names, ExpressionAttributeValues: values } }
  // Still as the officer saw it: two edits of one proposal at once may not both move the slot counts.
  const proposal: TxItem = {
    Put: {
      TableName: db.table,
      Item: { ...proposalKey(next.runId, next.seekerId), entity: 'proposal', ...next },
      ConditionExpression: prev.postId ? 'postId = :prev' : 'attribute_type(postId, :nullType)',
      ExpressionAttributeValues: prev.postId ? { ':prev': prev.postId } : { ':nullType': 'NULL' },
    },
  }
  const freed: TxItem[] = prev.postId && !samePost ? [{ Update: { TableName: db.table, Key: proposalSlotKey(prev.runId, prev.postId), UpdateExpression: 'ADD used :minus', ExpressionAttributeValues: { ':minus': -1 } } }] : []
  const taken: TxItem[] =
    next.postId && !samePost
      ? [
          {
            Update: {
              TableName: db.table,
              Key: proposalSlotKey(next.runId, next.postId),
              UpdateExpression: 'SET entity = :e ADD used :one',
              ConditionExpression: 'attribute_not_exists(used) OR used < :room',
              ExpressionAttributeValues: { ':e': 'proposalSlot', ':one': 1, ':room': room ?? 0 },
            },
          },
        ]
      : []
  const items = [run, proposal, ...freed, ...taken, ...(opts.audit ? [auditPut(db, opts.audit, opts.now ?? new Date())] : [])]
  const takenAt = taken.length ? 2 + freed.length : -1
  await orConflict(
    () => retryConflicts(() => transact(db, items)),
    () => new DomainError('matchRun.notEditable', 'conflict', '只有已完成且未发布的匹配结果可以调整', 'Only a finished, unpublished run can be edited'),
  ).catch((e: unknown) => {
    // Say which condition failed: the run's state, or the proposal changed meanwhile, or the post being full.
    const cause = e instanceof DomainError ? (e.cause as { CancellationReasons?: { Code?: string }[] } | undefined) : undefined
    const failed = (i: number) => cause?.CancellationReasons?.[i]?.Code === 'ConditionalCheckFailed'
    if (!failed(0) && failed(1)) throw new DomainError('proposal.changed', 'conflict', '该结果刚被修改过，请刷新后再试', 'This proposal was just changed; reload and try again')
    if (!failed(0) && takenAt >= 0 && failed(takenAt)) throw new DomainError('proposal.postFull', 'conflict', '该岗位的名额已全部推荐给他人', 'Every place of this post is already proposed to someone')
    throw e
  })
}

/**
 * Puts a run's invitation in the person's inbox exactly once: the message and the proposal's
 * `invitedAt` mark are one transaction, so a publish job that is retried or runs twice sends none twice.
 * Answers false when this person was already invited.
 */
export async function inviteOnce(db: Db, p: Proposal, m: MessageDraft, now: Date, audit?: AuditDraft): Promise<boolean> {
  const msg = newMessage(m, now)
  try {
    await retryConflicts(() =>
      transact(db, [
        {
          Update: {
            TableName: db.table,
            Key: proposalKey(p.runId, p.seekerId),
            UpdateExpression: 'SET invitedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(invitedAt)',
            ExpressionAttributeValues: { ':at': msg.createdAt },
          },
        },
        ...messagePuts(db, p.seekerId, msg),
        // The invitation on the person's timeline (一人一档), written with it.
        ...(audit ? [auditPut(db, audit, now)] : []),
      ]),
    )
    return true
  } catch (e) {
    if (isTransactionConflict(e)) return false
    throw e
  }
}
