import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { InboxMessage } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type { MatchRun, MatchRunInput, Proposal } from '../../shared/schemas/match-runs.js'
import { batchPut } from './batch.js'
import type { Db } from './client.js'
import { isTransactionConflict, orConflict, retryConflicts } from './errors.js'
import { newId } from './ids.js'
import { inboxKey, matchRunKey, matchRunPartition, matchRunsOfScope, proposalKey, stripKeys } from './keys.js'
import { queryAll, queryPage } from './query.js'

export async function createMatchRun(db: Db, scope: string, params: MatchRunInput, by: string, now = new Date()): Promise<MatchRun> {
  const run: MatchRun = { id: newId(), scope, params, status: 'queued', progress: { phase: 'queued', percent: 0 }, createdBy: by, createdAt: now.toISOString() }
  await db.doc.send(
    new PutCommand({ TableName: db.table, Item: { ...matchRunKey(run.id), entity: 'matchRun', GSI1PK: matchRunsOfScope(scope), GSI1SK: `${run.createdAt}#${run.id}`, ...run }, ConditionExpression: 'attribute_not_exists(PK)' }),
  )
  return run
}

export async function getMatchRun(db: Db, id: string): Promise<MatchRun | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: matchRunKey(id), ConsistentRead: true }))
  return r.Item ? stripKeys<MatchRun>(r.Item) : undefined
}

export const listMatchRuns = (db: Db, scope: string, limit = 20, cursor?: string): Promise<Page<MatchRun>> =>
  queryPage(db, { index: 'GSI1', pk: matchRunsOfScope(scope) }, { limit, cursor }, (i) => stripKeys<MatchRun>(i))

/** Updates some of a run's fields (progress, status, results). */
export async function updateMatchRun(db: Db, id: string, fields: Partial<MatchRun>, onlyIf?: { status: MatchRun['status'][] }): Promise<void> {
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
  await orConflict(
    () =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: matchRunKey(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: onlyIf ? `#status IN (${onlyIf.status.map((_, i) => `:s${i}`).join(', ')})` : 'attribute_exists(PK)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    () => new DomainError('matchRun.state', 'conflict', '匹配任务当前状态不允许此操作', 'The match run is not in a state for this'),
  )
}

export const putProposals = (db: Db, proposals: readonly Proposal[]) =>
  batchPut(db, proposals.map((p) => ({ ...proposalKey(p.runId, p.seekerId), entity: 'proposal', ...p })))

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
  return queryPage(
    db,
    { pk: matchRunPartition(runId), skPrefix: 'PROP#', oldestFirst: true, ...(parts.length ? { filter: { expression: parts.join(' AND '), values } } : {}) },
    { limit, cursor },
    (i) => stripKeys<Proposal>(i),
  )
}

export const allProposals = (db: Db, runId: string) => queryAll(db, { pk: matchRunPartition(runId), skPrefix: 'PROP#', oldestFirst: true }, (i) => stripKeys<Proposal>(i))

export async function getProposal(db: Db, runId: string, seekerId: string): Promise<Proposal | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: proposalKey(runId, seekerId) }))
  return r.Item ? stripKeys<Proposal>(r.Item) : undefined
}

/** An officer's edit: only while the run is done and not yet publishing — checked in the same transaction. */
export async function saveProposal(db: Db, p: Proposal): Promise<void> {
  await orConflict(
    () =>
      retryConflicts(() =>
        db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: db.table,
                  Key: matchRunKey(p.runId),
                  ConditionExpression: '#status = :done',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':done': 'done' },
                },
              },
              { Put: { TableName: db.table, Item: { ...proposalKey(p.runId, p.seekerId), entity: 'proposal', ...p }, ConditionExpression: 'attribute_exists(PK)' } },
            ],
          }),
        ),
      ),
    () => new DomainError('matchRun.notEditable', 'conflict', '只有已完成且未发布的匹配结果可以调整', 'Only a finished, unpublished run can be edited'),
  )
}

/**
 * Puts a run's invitation in the person's inbox exactly once: the message and the proposal's
 * `invitedAt` mark are one transaction, so a publish job that is retried or runs twice sends none twice.
 * Answers false when this person was already invited.
 */
export async function inviteOnce(db: Db, p: Proposal, m: Omit<InboxMessage, 'id' | 'read' | 'createdAt'>, now: Date): Promise<boolean> {
  const msg: InboxMessage = { ...m, id: newId(), read: false, createdAt: now.toISOString() }
  try {
    await retryConflicts(() =>
      db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.table,
                Key: proposalKey(p.runId, p.seekerId),
                UpdateExpression: 'SET invitedAt = :at',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(invitedAt)',
                ExpressionAttributeValues: { ':at': msg.createdAt },
              },
            },
            { Put: { TableName: db.table, Item: { ...inboxKey(p.seekerId, msg.id), entity: 'message', ...msg }, ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      ),
    )
    return true
  } catch (e) {
    if (isTransactionConflict(e)) return false
    throw e
  }
}
