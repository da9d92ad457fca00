/**
 * The sparse graph of eligible pairs, in CSR form: seeker i's pairs are `start[i] .. start[i+1]`,
 * each with its post and integer score. Posts are bucketed in a grid of cells so that a seeker
 * looks only at the posts within its reach (100k × 10k would otherwise be 10⁹ pairs).
 */
import * as columns from './compile.js'
import type { Compiled } from './compile.js'
import * as rules from './eligibility.js'
import * as scoring from './score.js'

// Local copies: under some loaders (tsx) an imported binding is a getter call, too slow per pair.
const { F_FULL_TIME, F_WILLING, KIND_LABOR_EXPORT, pairKm } = columns
const { eligibility, limitKm } = rules
const { score } = scoring

/**
 * Seeker i's pairs are `start[i] .. start[i+1]`, in preference order: higher score first, then the
 * lower post index. The solvers rely on it (the optimal one stops scanning a row early, the stable
 * one proposes in this order).
 */
export interface MatchGraph {
  /** Seekers and posts. */
  n: number
  m: number
  start: Int32Array
  post: Int32Array
  score: Uint8Array
  /** 1 for a priority person. */
  priority: Uint8Array
  /** Headcount still open per post. */
  capacity: Int32Array
}

export type Progress = (phase: string, done: number) => void

const KM_PER_DEG_LAT = (6371 * Math.PI) / 180
/** Post indexes stay below this (the schema allows 500,000 posts). */
const POST_LIMIT = 2 ** 19

/** Posts in cells of `cellKm`: a flat grid over their bounding box, CSR again. */
export class PostGrid {
  private readonly lat0: number
  private readonly lng0: number
  private readonly dLat: number
  private readonly dLng: number
  private readonly rows: number
  private readonly cols: number
  private readonly cellStart: Int32Array
  private readonly cellPosts: Int32Array

  constructor(
    private readonly c: Compiled,
    posts: readonly number[] | Int32Array,
    cellKm: number,
  ) {
    const p = c.posts
    let minLat = Infinity
    let maxLat = -Infinity
    let minLng = Infinity
    let maxLng = -Infinity
    for (const j of posts) {
      minLat = Math.min(minLat, p.lat[j]!)
      maxLat = Math.max(maxLat, p.lat[j]!)
      minLng = Math.min(minLng, p.lng[j]!)
      maxLng = Math.max(maxLng, p.lng[j]!)
    }
    if (posts.length === 0) minLat = maxLat = minLng = maxLng = 0
    const cosMid = Math.max(0.05, Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180))
    let dLat = cellKm / KM_PER_DEG_LAT
    let dLng = cellKm / (KM_PER_DEG_LAT * cosMid)
    // Keep the grid to a few million cells even when posts span a country.
    while (((maxLat - minLat) / dLat + 1) * ((maxLng - minLng) / dLng + 1) > 4e6) {
      dLat *= 2
      dLng *= 2
    }
    this.lat0 = minLat
    this.lng0 = minLng
    this.dLat = dLat
    this.dLng = dLng
    this.rows = Math.floor((maxLat - minLat) / dLat) + 1
    this.cols = Math.floor((maxLng - minLng) / dLng) + 1
    const cells = this.rows * this.cols
    const cellOf = new Int32Array(posts.length)
    this.cellStart = new Int32Array(cells + 1)
    posts.forEach((j, k) => {
      const cell = this.row(p.lat[j]!) * this.cols + this.col(p.lng[j]!)
      cellOf[k] = cell
      this.cellStart[cell + 1]!++
    })
    for (let x = 0; x < cells; x++) this.cellStart[x + 1]! += this.cellStart[x]!
    const fill = this.cellStart.slice(0, cells)
    this.cellPosts = new Int32Array(posts.length)
    posts.forEach((j, k) => (this.cellPosts[fill[cellOf[k]!]!++] = j))
  }

  private row(lat: number) {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.lat0) / this.dLat)))
  }
  private col(lng: number) {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((lng - this.lng0) / this.dLng)))
  }

  /**
   * Writes into `out` the posts that may be within `radiusKm` of seeker i, and returns how many:
   * all that are, and a few just beyond (a flat-earth test with 1% to spare stands in for the
   * great circle here; callers measure the exact distance of the posts they keep).
   */
  near(i: number, radiusKm: number, out: Int32Array): number {
    const s = this.c.seekers
    const lat = s.lat[i]!
    const lng = s.lng[i]!
    const spanLat = radiusKm / KM_PER_DEG_LAT
    // A circle that reaches within a degree of a pole, or across ±180° of longitude, is not a box
    // on the grid: give every post, and let the caller measure each (haversine needs no wrapping).
    if (Math.abs(lat) + spanLat * 1.01 >= 89) return this.all(out)
    // A great circle bends poleward: use the cosine at the box's edge nearest the pole.
    const cos = Math.cos(((Math.abs(lat) + spanLat * 1.01) * Math.PI) / 180)
    const spanLng = (radiusKm / (KM_PER_DEG_LAT * cos)) * 1.01
    if (lng - spanLng < -180 || lng + spanLng > 180) return this.all(out)
    if (lat + spanLat < this.lat0 || lat - spanLat > this.lat0 + this.rows * this.dLat) return 0
    if (lng + spanLng < this.lng0 || lng - spanLng > this.lng0 + this.cols * this.dLng) return 0
    const r0 = this.row(lat - spanLat)
    const r1 = this.row(lat + spanLat)
    const c0 = this.col(lng - spanLng)
    const c1 = this.col(lng + spanLng)
    const pLat = this.c.posts.lat
    const pLng = this.c.posts.lng
    const kx = KM_PER_DEG_LAT * cos
    const limit2 = (radiusKm * 1.01) ** 2
    const cellStart = this.cellStart
    const cellPosts = this.cellPosts
    let count = 0
    for (let r = r0; r <= r1; r++) {
      const a = cellStart[r * this.cols + c0]!
      const b = cellStart[r * this.cols + c1 + 1]!
      for (let x = a; x < b; x++) {
        const j = cellPosts[x]!
        const dy = (pLat[j]! - lat) * KM_PER_DEG_LAT
        const dx = (pLng[j]! - lng) * kx
        if (dx * dx + dy * dy <= limit2) out[count++] = j
      }
    }
    return count
  }

  /** Every post of the grid, into `out`. */
  private all(out: Int32Array): number {
    out.set(this.cellPosts)
    return this.cellPosts.length
  }
}

/** Two grids: local posts (reached within the seeker's commute) and labor export (within the recruitment radius). */
export class Reach {
  readonly local: PostGrid
  readonly export: PostGrid
  readonly exportRadius: number
  constructor(readonly c: Compiled) {
    const local: number[] = []
    const exp: number[] = []
    for (let j = 0; j < c.posts.m; j++) {
      if (c.posts.remaining[j]! <= 0) continue
      ;(c.posts.kind[j] === KIND_LABOR_EXPORT ? exp : local).push(j)
    }
    const s = c.seekers
    let maxCommute = 1
    for (let i = 0; i < s.n; i++) maxCommute = Math.max(maxCommute, s.commuteKm[i]!)
    // Cells about a third of a typical commute: few cells to visit, few posts outside the circle.
    const typical = Math.min(maxCommute, c.cp.policy.rules.maxCommuteDefaultKm || maxCommute)
    this.local = new PostGrid(c, local, Math.max(1, typical / 3))
    this.exportRadius = c.cp.policy.rules.laborExport.radiusKm
    this.export = new PostGrid(c, exp, Math.max(5, this.exportRadius / 2))
  }

  /** The posts that may be within reach of seeker i (see PostGrid.near): local ones first, then labor export. */
  near(i: number, out: Int32Array): number {
    const k = this.local.near(i, this.c.seekers.commuteKm[i]!, out)
    return k + this.export.near(i, this.exportRadius, out.subarray(k))
  }
}

class Growing {
  post: Int32Array
  score: Uint8Array
  size = 0
  constructor(expected: number) {
    this.post = new Int32Array(Math.max(1024, expected))
    this.score = new Uint8Array(Math.max(1024, expected))
  }
  push(j: number, sc: number) {
    if (this.size === this.post.length) {
      const grown = Math.ceil(this.size * 1.5)
      const post = new Int32Array(grown)
      post.set(this.post)
      const score = new Uint8Array(grown)
      score.set(this.score)
      this.post = post
      this.score = score
    }
    this.post[this.size] = j
    this.score[this.size++] = sc
  }
}

/** Builds the eligible-pair graph; a seeker's pairs are in preference order (see MatchGraph). */
export function buildGraph(c: Compiled, onProgress?: Progress, reach = new Reach(c)): MatchGraph {
  const n = c.seekers.n
  const start = new Int32Array(n + 1)
  // About 30 pairs a seeker on the benchmark's instances; grown by half when short.
  const edges = new Growing(n * 32)
  const s = c.seekers
  const p = c.posts
  const candidates = new Int32Array(p.m)
  // Pairs of a row packed as (255 − score)·2^19 + post (posts < 2^19), sorted, unpacked: preference order.
  const row = new Int32Array(p.m)
  const flags = s.flags
  const skipAll = c.cp.policy.rules.excludeFullTimePlaced
  const exportForAll = !c.cp.policy.rules.laborExport.requireWilling
  const exportRadius = reach.exportRadius
  const step = Math.max(1, Math.floor(n / 100))
  for (let i = 0; i < n; i++) {
    start[i] = edges.size
    if (!(skipAll && flags[i]! & F_FULL_TIME)) {
      let k = reach.local.near(i, s.commuteKm[i]!, candidates)
      // Labor export only for those who could take it: saves scanning its grid for everyone else.
      if (exportForAll || flags[i]! & F_WILLING) k += reach.export.near(i, exportRadius, candidates.subarray(k))
      let len = 0
      for (let x = 0; x < k; x++) {
        const j = candidates[x]!
        // Every rule but the distance first (km = 0 passes it), since most posts fail a cheaper one;
        // then the exact distance against the same limit the rule uses.
        if (eligibility(c, i, j, 0) !== 0) continue
        const km = pairKm(s, i, p, j)
        if (km > limitKm(c, i, j)) continue
        // Insertion sort as the pairs come: rows are short, and this allocates nothing.
        const key = (255 - score(c, i, j, km)) * POST_LIMIT + j
        let y = len++
        while (y > 0 && row[y - 1]! > key) {
          row[y] = row[y - 1]!
          y--
        }
        row[y] = key
      }
      for (let x = 0; x < len; x++) edges.push(row[x]! % POST_LIMIT, 255 - Math.floor(row[x]! / POST_LIMIT))
    }
    if (onProgress && i % step === 0) onProgress('graph', i / n)
  }
  start[n] = edges.size
  onProgress?.('graph', 1)
  return {
    n,
    m: c.posts.m,
    start,
    post: edges.post.slice(0, edges.size),
    score: edges.score.slice(0, edges.size),
    priority: c.seekers.priority,
    capacity: c.posts.remaining,
  }
}

