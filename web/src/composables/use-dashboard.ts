import type { InferResponseType } from 'hono/client'
import { ref, shallowRef, watch, type Ref } from 'vue'
import { api, unwrap } from '../api/client'

export type Board = InferResponseType<typeof api.dashboard.$get, 200>
export type TargetFigure = Board['targets'][number]
export type OutcomeFigures = Board['outcomes']['total']
export type BoardMetric = TargetFigure['metric'] | 'placed'
/** What a figure's click asks for: the names behind one metric, optionally of one township or month. */
export interface DrillRequest {
  metric: BoardMetric
  township?: string
  month?: string
}

/** 工作台看板: the board of a year and township ('' = every township in scope), reloaded when either changes. */
export function useDashboard(year: Ref<number>, township: Ref<string>) {
  const board = shallowRef<Board | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let generation = 0

  async function load(): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const b = await unwrap(api.dashboard.$get({ query: { year: String(year.value), ...(township.value ? { township: township.value } : {}) } }))
      if (mine === generation) board.value = b
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }
  watch([year, township], () => void load(), { immediate: true })
  return { board, loading, error, reload: load }
}

/** A share as a whole percent ('—' when there is nothing to measure against). */
export const percentOf = (share: number | null): number | null => (share === null ? null : Math.round(share * 100))
