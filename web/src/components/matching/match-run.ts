import type { InferResponseType } from 'hono/client'
import { api } from '../../api/client'

/** Shapes of 人岗匹配 match runs, read off the server's answers. */
type RunAnswer = InferResponseType<(typeof api)['match-runs'][':id']['$get'], 200>
// Publishing is moving to the background (202, `publishing` → `published`): handled before the server says so.
export type RunStatus = RunAnswer['status'] | 'publishing'
export type MatchRun = Omit<RunAnswer, 'status'> & { status: RunStatus }
export type Proposal = InferResponseType<(typeof api)['match-runs'][':id']['proposals']['$get'], 200>['items'][number]
export type Category = 'alleviated' | 'monitored' | 'other'

export const CATEGORIES = ['alleviated', 'monitored', 'other'] as const satisfies readonly Category[]
export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'publishing', 'published'] as const satisfies readonly RunStatus[]

/** Statuses the server is still working on: the page keeps asking. */
export const isBusy = (s: RunStatus): boolean => s === 'queued' || s === 'running' || s === 'publishing'

/** A publish whose background job stopped: the run stays `publishing` until the officer publishes again (which resumes it). */
export const publishStalled = (r: MatchRun): boolean => r.status === 'publishing' && r.progress.phase === 'publishFailed'

/** The server is still working on this run (and nothing stopped it): the page keeps asking. */
export const inProgress = (r: MatchRun): boolean => isBusy(r.status) && !publishStalled(r)

export const STATUS_TYPES: Record<RunStatus, 'primary' | 'success' | 'info' | 'warning' | 'danger'> = {
  queued: 'info',
  running: 'primary',
  done: 'warning',
  failed: 'danger',
  publishing: 'primary',
  published: 'success',
}

/** A figure of the run's totals (written by the job: seekers, posts, slots, placed, priorityPlaced, …). */
export function total(run: MatchRun, key: string): number | undefined {
  const v = run.totals?.[key]
  return typeof v === 'number' ? v : undefined
}

/** The run's placed people per post kind (`totals.placedByKind`), as the engine counted them. */
export function placedByKind(run: MatchRun): Record<string, number> {
  const v = run.totals?.placedByKind
  if (!v || typeof v !== 'object') return {}
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'))
}

/** Reasons worth reading: the engine writes "—" for a component that says nothing (no group). */
export const readableReasons = (p: Proposal) => p.reasons.filter((r) => r.text.trim() !== '—')
