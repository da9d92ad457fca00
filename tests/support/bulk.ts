/**
 * The district's real sizes, written fast: many seekers, placements and posts put with BatchWrite
 * (functions/db/batch.ts) instead of one API call each, their keys from functions/db/keys.ts. For
 * tests that must pass an old limit (1,200 people in work in one township, 150 posts of a workshop).
 */
import type { Placement } from '../../shared/schemas/applications.js'
import type { Post } from '../../shared/schemas/posts.js'
import { batchPut } from '../../functions/db/batch.js'
import { newId } from '../../functions/db/ids.js'
import { activeJobKey, placementIndexKeys, placementKey, postIndexKeys, postKey } from '../../functions/db/keys.js'
import { putSeekers, type SeekerRecord } from '../../functions/db/seekers.js'
import type { TestApp } from './app.js'
import { idNumber } from './world.js'

/** `n` seekers of one township and village with distinct valid ID numbers; `name` is shared when given. */
export async function bulkSeekers(t: TestApp, n: number, over: { township?: string; village?: string; name?: string; from?: number } = {}): Promise<SeekerRecord[]> {
  const from = over.from ?? 0
  const records: SeekerRecord[] = Array.from({ length: n }, (_, k) => {
    const i = from + k
    return {
      id: newId(),
      name: over.name ?? `批量${i}`,
      // Distinct (year, sequence) pairs: 20 birth years × up to 999 sequence numbers.
      idNumber: idNumber(`${1970 + (i % 20)}-05-06`, 1 + Math.floor(i / 20)),
      category: 'alleviated',
      township: over.township ?? 'lingjing',
      village: over.village ?? 'lingjing-02',
      laborCapacity: 'full',
      education: 'junior',
      skills: [],
      certificates: [],
      groups: [],
      intents: ['employment'],
      preferredTownships: [],
      createdAt: '2026-01-01T00:00:00.000Z',
    } as unknown as SeekerRecord
  })
  await putSeekers(t.db, t.deps.protector, records)
  return records
}

/** Active (or ended) full-time placements outside the platform, each with its one-job slot item while active. */
export async function bulkPlacements(t: TestApp, people: readonly { id: string; name: string; township: string }[], over: Partial<Placement> = {}): Promise<Placement[]> {
  const placements: Placement[] = people.map((s, i) => ({
    id: newId(),
    seekerId: s.id,
    seekerName: s.name,
    title: '电子厂普工',
    kind: 'enterprise',
    employer: '许昌某电子有限公司',
    township: s.township,
    seekerTownship: s.township,
    startDate: `2025-${String(1 + (i % 12)).padStart(2, '0')}-01`,
    status: 'active',
    source: 'external',
    destination: 'inCounty',
    createdBy: 'bulk',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  }))
  await batchPut(
    t.db,
    placements.flatMap((p) => [
      { ...placementKey(p.id), entity: 'placement', ...placementIndexKeys(p), ...p },
      ...(p.status === 'active' ? [{ ...activeJobKey(p.seekerId, 'fullTime'), entity: 'activeJob', placementId: p.id, title: p.title, startDate: p.startDate, kind: p.kind, away: false }] : []),
    ]),
  )
  return placements
}

/** `n` closed posts of a workshop, oldest first by creation time. */
export async function bulkWorkshopPosts(t: TestApp, w: { id: string; township: string; village?: string; name: string }, createdBy: string, n: number): Promise<Post[]> {
  const posts = Array.from({ length: n }, (_, i) => {
    const createdAt = new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString()
    return {
      id: newId(),
      kind: 'workshop',
      workshopId: w.id,
      workshopName: w.name,
      title: `发制品加工工 ${i + 1}`,
      // As createPost stores it (the input's default): the API document says a post always has one.
      description: '',
      township: w.township,
      ...(w.village ? { village: w.village } : {}),
      headcount: 1,
      filled: 0,
      wage: { amountFen: 320000, unit: 'month' },
      skills: [],
      intensity: 'medium',
      accommodation: false,
      meals: false,
      ageMin: 16,
      ageMax: 60,
      status: 'closed',
      createdBy,
      createdAt,
      publishedAt: createdAt,
    } as unknown as Post
  })
  await batchPut(t.db, posts.map((p) => ({ ...postKey(p.id), entity: 'post', ...postIndexKeys(p), ...p })))
  return posts
}
