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

type Totals = Record<string, unknown>
const isCounts = (v: unknown): v is Record<string, number> => Boolean(v) && typeof v === 'object'

/** The breakdown the match job writes into the run's totals (kept in step by every edit). */
function fromTotals(totals: Totals | undefined): Breakdown | null {
  const { seekersByCategory, seekersByTownship, placedByCategory, placedByTownship } = totals ?? {}
  if (!isCounts(seekersByCategory) || !isCounts(seekersByTownship) || !isCounts(placedByCategory) || !isCounts(placedByTownship)) return null
  const pair = (people: Record<string, number>, placed: Record<string, number>) =>
    Object.fromEntries(Object.entries(people).map(([k, n]) => [k, { people: n, placed: placed[k] ?? 0 }]))
  return { byCategory: pair(seekersByCategory, placedByCategory), byTownship: pair(seekersByTownship, placedByTownship) }
}

/**
 * People and placed people of a run by household category and by township: from the run's totals,
 * or — for a run made before the job wrote them — counted from its proposals. Kept up to date as
 * the officer edits.
 */
export function usePlacedBreakdown() {
  const errorText = useErrorText()
  const breakdown = shallowRef<Breakdown | null>(null)
  const loading = ref(false)
  const error = ref('')
  let asked = 0

  async function load(runId: string, totals?: Totals): Promise<void> {
    const mine = ++asked
    error.value = ''
    const known = fromTotals(totals)
    if (known) {
      breakdown.value = known
      loading.value = false
      return
    }
    loading.value = true
    breakdown.value = null
    const next: Breakdown = { byCategory: {}, byTownship: {} }
    try {
      let cursor: string | null = null
      let reads = 0
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
        reads++
        // A district is read in forty pages or so: the charts fill in as they come.
        if (cursor && reads % 5 === 1) breakdown.value = { byCategory: { ...next.byCategory }, byTownship: { ...next.byTownship } }
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
