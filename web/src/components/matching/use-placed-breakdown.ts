import { ref, shallowRef } from 'vue'
import { api, unwrap } from '../../api/client'
import { useErrorText } from '../../composables/use-error-text'
import type { Proposal } from './match-run'

export interface Counts {
  people: number
  placed: number
}
export interface Breakdown {
  byCategory: Record<string, Counts>
  byTownship: Record<string, Counts>
}

const add = (m: Record<string, Counts>, key: string, people: number, placed: number) => {
  const c = m[key] ?? { people: 0, placed: 0 }
  m[key] = { people: c.people + people, placed: c.placed + placed }
}

/**
 * People and placed people of a run by household category and by township, counted from its
 * proposals (the run's totals only count by post kind), and kept up to date as the officer edits.
 */
export function usePlacedBreakdown() {
  const errorText = useErrorText()
  const breakdown = shallowRef<Breakdown | null>(null)
  const loading = ref(false)
  const error = ref('')
  let asked = 0

  async function load(runId: string): Promise<void> {
    const mine = ++asked
    loading.value = true
    error.value = ''
    breakdown.value = null
    const next: Breakdown = { byCategory: {}, byTownship: {} }
    try {
      let cursor: string | null = null
      do {
        const query: { limit: string; cursor?: string } = { limit: '50', ...(cursor ? { cursor } : {}) }
        const page = await unwrap(api['match-runs'][':id'].proposals.$get({ param: { id: runId }, query }))
        if (mine !== asked) return
        for (const p of page.items) {
          const placed = p.postId ? 1 : 0
          add(next.byCategory, p.category, 1, placed)
          add(next.byTownship, p.township, 1, placed)
        }
        cursor = page.nextCursor ?? null
      } while (cursor)
      breakdown.value = next
    } catch (e) {
      if (mine === asked) error.value = errorText(e)
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  /** One person's proposal changed: moves them between placed and not placed. */
  function applyEdit(before: Proposal, after: Proposal): void {
    const b = breakdown.value
    if (!b) return
    const delta = (after.postId ? 1 : 0) - (before.postId ? 1 : 0)
    if (delta === 0) return
    const next: Breakdown = { byCategory: { ...b.byCategory }, byTownship: { ...b.byTownship } }
    add(next.byCategory, after.category, 0, delta)
    add(next.byTownship, after.township, 0, delta)
    breakdown.value = next
  }

  function reset(): void {
    asked++
    breakdown.value = null
    loading.value = false
    error.value = ''
  }

  return { breakdown, loading, error, load, applyEdit, reset }
}
