/**
 * The optimal mode: a maximum-weight b-matching on the eligible-pair graph, exact.
 *
 * The objective is lexicographic: first the number of priority people placed, then the number of
 * people placed, then the total score. It is one integer weight per pair,
 *
 *   weight(i, j) = priority(i) · A + B + score(i, j),   B = 100·K + 1,   A = K·B,   K = min(seekers, slots),
 *
 * and an assignment's weight is P·A + N·B + S (P priority people placed, N people placed, S the
 * total score). The tiers separate (see weightsOf and docs/matching.md): one more placement is worth
 * B > 100·K ≥ any difference of total scores, and one more priority person is worth A = K·B, more
 * than any difference in (N·B + S) between two assignments of the same instance.
 *
 * Method: successive shortest paths (the Hungarian method, row by row) on the flow network
 * seeker → post (cost −weight) → sink (capacity = open headcount), plus seeker → sink (cost 0,
 * "unplaced"). Posts are single nodes with their holders listed, not one node per slot. Each seeker
 * joins with one Dijkstra search over reduced costs, stopped as soon as the sink is settled;
 * potentials only ever decrease, which keeps every residual arc (those out of the sink included)
 * non-negative, so the flow stays optimal for the seekers added so far and is optimal at the end.
 * Every number the solver handles (weights, potentials, distances) is an integer of magnitude at
 * most a few pair weights, below 2^50 for any instance the schema admits: the arithmetic in doubles
 * is exact. (The assignment's total weight may pass 2^53; objectiveOf sums it in BigInt.)
 */
import type { MatchGraph, Progress } from './graph.js'

/** The tier weights of the objective: a priority person placed is worth A, any person placed B, then the score. */
export interface TierWeights {
  /** Larger than any difference of (placed · B + total score) between two assignments. */
  priority: number
  /** Larger than any total score (≤ 100 per placed person). */
  placement: number
}

/** The largest pair weight the solver accepts: its sums of a few weights stay exact in doubles. */
export const MAX_PAIR_WEIGHT = 2 ** 50

export function weightsOf(g: MatchGraph): TierWeights {
  let slots = 0
  for (let j = 0; j < g.m; j++) slots += Math.max(0, g.capacity[j]!)
  const K = Math.min(g.n, slots)
  const placement = 100 * K + 1
  const priority = K * placement
  if (priority + placement + 100 > MAX_PAIR_WEIGHT) throw new Error(`instance too large for exact weights: ${K} placements`)
  return { priority, placement }
}

/** The priority tier's weight (kept for callers that name it bigM). */
export function bigM(g: MatchGraph): number {
  return weightsOf(g).priority
}

/** Per seeker: the index of its pair in the graph, or −1 when unplaced. */
export type Assignment = Int32Array

/** A binary min-heap of (key, node) with lazy deletion. */
class Heap {
  keys = new Float64Array(1024)
  nodes = new Int32Array(1024)
  size = 0
  push(key: number, node: number) {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2)
      k.set(this.keys)
      const v = new Int32Array(this.size * 2)
      v.set(this.nodes)
      this.keys = k
      this.nodes = v
    }
    const keys = this.keys
    const nodes = this.nodes
    let x = this.size++
    while (x > 0) {
      const parent = (x - 1) >> 1
      const pk = keys[parent]!
      // Ties by node number, so the search order never depends on the heap's history.
      if (pk < key || (pk === key && nodes[parent]! < node)) break
      keys[x] = pk
      nodes[x] = nodes[parent]!
      x = parent
    }
    keys[x] = key
    nodes[x] = node
  }
  /** Removes the minimum; read it first from keys[0], nodes[0]. */
  pop() {
    const keys = this.keys
    const nodes = this.nodes
    const last = --this.size
    const key = keys[last]!
    const node = nodes[last]!
    let x = 0
    for (;;) {
      let child = 2 * x + 1
      if (child >= last) break
      const right = child + 1
      if (right < last && (keys[right]! < keys[child]! || (keys[right] === keys[child] && nodes[right]! < nodes[child]!))) child = right
      const ck = keys[child]!
      if (ck > key || (ck === key && nodes[child]! > node)) break
      keys[x] = ck
      nodes[x] = nodes[child]!
      x = child
    }
    keys[x] = key
    nodes[x] = node
  }
}

/**
 * Dijkstra's queue for small integer keys: FIFO buckets for keys below LIMIT (nearly all: reduced
 * distances are a few points), the binary heap for the rest. Keys never fall below the last popped.
 */
class BucketQueue {
  static readonly LIMIT = 256
  private readonly head = new Int32Array(BucketQueue.LIMIT).fill(-1)
  private readonly tail = new Int32Array(BucketQueue.LIMIT)
  private node = new Int32Array(1024)
  private next = new Int32Array(1024)
  private used = 0
  private cur = 0
  private top = -1
  private readonly heap = new Heap()
  /** The last popped entry. */
  key = 0
  value = 0

  reset() {
    for (let b = 0; b <= this.top; b++) this.head[b] = -1
    this.used = 0
    this.cur = 0
    this.top = -1
    this.heap.size = 0
  }
  push(key: number, value: number) {
    if (key >= BucketQueue.LIMIT) {
      this.heap.push(key, value)
      return
    }
    if (this.used === this.node.length) {
      const node = new Int32Array(this.used * 2)
      node.set(this.node)
      const next = new Int32Array(this.used * 2)
      next.set(this.next)
      this.node = node
      this.next = next
    }
    const x = this.used++
    this.node[x] = value
    this.next[x] = -1
    if (this.head[key]! < 0) this.head[key] = x
    else this.next[this.tail[key]!] = x
    this.tail[key] = x
    if (key > this.top) this.top = key
  }
  /** Takes the smallest entry into key/value; false when empty. */
  pop(): boolean {
    while (this.cur <= this.top) {
      const x = this.head[this.cur]!
      if (x >= 0) {
        this.head[this.cur] = this.next[x]!
        this.key = this.cur
        this.value = this.node[x]!
        return true
      }
      this.cur++
    }
    if (this.heap.size === 0) return false
    this.key = this.heap.keys[0]!
    this.value = this.heap.nodes[0]!
    this.heap.pop()
    return true
  }
}

export interface OptimalStats {
  /** Seekers that needed a Dijkstra search (the others took a free best post at once). */
  searches: number
  /** Nodes settled over all searches: the work beyond reading each seeker's pairs once. */
  settled: number
  fastPath: number
}

/**
 * The optimal assignment. `tiers` is for the benchmark only: `{ priority: 100·K + 1, placement: 0 }`
 * is the previous objective (priority, then score; score-0 pairs not worth placing), run by the same code.
 */
export function solveOptimal(g: MatchGraph, onProgress?: Progress, stats?: OptimalStats, tiers: TierWeights = weightsOf(g)): Assignment {
  const { n, start, score, priority } = g
  const solver = new Hungarian(g, tiers)
  // Order: priority people first, then the weakest best score first. Any order gives the optimum;
  // this one measured fewest settled nodes (strong seekers rarely need to move the weak later).
  const best = new Uint8Array(n)
  for (let i = 0; i < n; i++) for (let e = start[i]!; e < start[i + 1]!; e++) if (score[e]! > best[i]!) best[i] = score[e]!
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => priority[b]! - priority[a]! || best[a]! - best[b]! || a - b)
  const step = Math.max(1, Math.floor(n / 100))
  for (let k = 0; k < n; k++) {
    if (onProgress && k % step === 0) onProgress('solve', k / n)
    solver.add(order[k]!)
  }
  onProgress?.('solve', 1)
  if (stats) {
    stats.searches = solver.searches
    stats.settled = solver.settledTotal
    stats.fastPath = solver.fast
  }
  return solver.seekerEdge
}

/** The flow, the potentials and the search state; `add` brings one seeker in. */
class Hungarian {
  readonly n: number
  readonly start: Int32Array
  readonly post: Int32Array
  readonly score: Uint8Array
  readonly priority: Uint8Array
  readonly capacity: Int32Array
  /** Per seeker: priority · A + B, the part of its weight that is the same on every post. */
  readonly bonus: Float64Array
  // Post holders: the seekers on post j are slotSeeker[slotStart[j] .. slotStart[j] + load[j]).
  readonly slotStart: Int32Array
  readonly slotSeeker: Int32Array
  /** The holder's weight on its post, beside it, so a search reads one place. */
  readonly slotWeight: Float64Array
  readonly load: Int32Array
  readonly seekerEdge: Int32Array
  readonly seekerPost: Int32Array
  readonly seekerSlot: Int32Array
  // Per seeker, the pair to its best post with room other than its own (−2: not known, −1: none).
  // Posts only ever fill up, so a cached answer stays right while its post has room and the seeker
  // has not moved.
  readonly altEdge: Int32Array
  // Potentials; the sink's stays 0.
  readonly piS: Float64Array
  readonly piP: Float64Array
  // Dijkstra state, valid where stamp equals the search number (nothing is cleared between searches).
  readonly dist: Float64Array
  readonly seen: Int32Array
  readonly done: Int32Array
  readonly predEdge: Int32Array
  readonly predSeeker: Int32Array
  readonly settledList: Int32Array
  readonly queue = new BucketQueue()
  stamp = 0
  searches = 0
  settledTotal = 0
  fast = 0

  constructor(g: MatchGraph, w: TierWeights) {
    const { n, m } = g
    this.n = n
    this.start = g.start
    this.post = g.post
    this.score = g.score
    this.priority = g.priority
    this.capacity = g.capacity
    this.bonus = new Float64Array(n)
    for (let i = 0; i < n; i++) this.bonus[i] = g.priority[i]! * w.priority + w.placement
    this.slotStart = new Int32Array(m + 1)
    for (let j = 0; j < m; j++) this.slotStart[j + 1] = this.slotStart[j]! + Math.max(0, g.capacity[j]!)
    this.slotSeeker = new Int32Array(this.slotStart[m]!)
    this.slotWeight = new Float64Array(this.slotStart[m]!)
    this.load = new Int32Array(m)
    this.seekerEdge = new Int32Array(n).fill(-1)
    this.seekerPost = new Int32Array(n).fill(-1)
    this.seekerSlot = new Int32Array(n)
    this.altEdge = new Int32Array(n).fill(-2)
    this.piS = new Float64Array(n)
    this.piP = new Float64Array(m)
    this.dist = new Float64Array(n + m)
    this.seen = new Int32Array(n + m)
    this.done = new Int32Array(n + m)
    this.predEdge = new Int32Array(m)
    this.predSeeker = new Int32Array(m)
    this.settledList = new Int32Array(n + m)
  }

  place(i: number, j: number, e: number) {
    const x = this.slotStart[j]! + this.load[j]!++
    this.slotSeeker[x] = i
    this.slotWeight[x] = this.score[e]! + this.bonus[i]!
    this.seekerSlot[i] = x
    this.seekerPost[i] = j
    this.seekerEdge[i] = e
    this.altEdge[i] = -2
  }

  unplace(i: number) {
    const j = this.seekerPost[i]!
    const x = this.seekerSlot[i]!
    const last = this.slotStart[j]! + --this.load[j]!
    const moved = this.slotSeeker[last]!
    this.slotSeeker[x] = moved
    this.slotWeight[x] = this.slotWeight[last]!
    this.seekerSlot[moved] = x
    this.seekerPost[i] = -1
    this.seekerEdge[i] = -1
  }

  freeAlt(h: number): number {
    const { post, load, capacity } = this
    const cached = this.altEdge[h]!
    if (cached === -1 || (cached >= 0 && load[post[cached]!]! < capacity[post[cached]!]!)) return cached
    let found = -1
    const own = this.seekerEdge[h]!
    // Rows are in score order: the first post with room is the best one.
    for (let e = this.start[h]!, end = this.start[h + 1]!; e < end; e++) {
      const j = post[e]!
      if (e !== own && load[j]! < capacity[j]!) {
        found = e
        break
      }
    }
    this.altEdge[h] = found
    return found
  }

  /** Brings seeker src into the flow along a shortest augmenting path (or leaves it unplaced). */
  add(src: number) {
    const { start, post, score, piP, load, capacity } = this
    const e0 = start[src]!
    const e1 = start[src + 1]!
    if (e0 === e1) return
    const bonus = this.bonus[src]!
    // The new seeker's potential makes all its arcs non-negative: π = max(0, max over posts of π_j + w).
    // Post potentials are ≤ 0 and the row is in score order: once the weight alone cannot beat
    // the best so far, neither can the rest of the row.
    let pi = 0
    let bestE = -1
    for (let e = e0; e < e1 && score[e]! + bonus > pi; e++) {
      const v = piP[post[e]!]! + score[e]! + bonus
      if (v > pi) {
        pi = v
        bestE = e
      }
    }
    this.piS[src] = pi
    if (bestE < 0) return // nothing is worth more than staying unplaced
    // Fast path: an arc of reduced cost 0 to a post with room ends the search at distance 0.
    for (let e = bestE; e < e1 && score[e]! + bonus >= pi; e++) {
      const j = post[e]!
      if (piP[j]! + score[e]! + bonus === pi && load[j]! < capacity[j]!) {
        this.place(src, j, e)
        this.fast++
        return
      }
    }
    this.searches++
    const end = this.search(src, pi)
    this.augment(src, end)
  }

  /** Dijkstra over reduced costs from src, stopped once the sink is settled; updates potentials. Returns the path's end. */
  search(src: number, pi: number): number {
    const { n, start, post, score, bonus, capacity, load, piS, piP, dist, seen, done, predEdge, predSeeker, settledList, queue, slotStart, slotSeeker, slotWeight, seekerEdge } = this
    const stamp = ++this.stamp
    queue.reset()
    let settled = 0
    // The best path to the sink so far: the seeker's own "unplaced" arc, or its best post with room.
    let D = pi
    let endNode = src
    const alt = this.freeAlt(src)
    if (alt >= 0 && pi - score[alt]! - bonus[src]! < D) {
      const k = post[alt]!
      D = pi - score[alt]! - bonus[src]!
      endNode = n + k
      seen[n + k] = stamp
      dist[n + k] = D
      predEdge[k] = alt
      predSeeker[k] = src
    }
    dist[src] = 0
    seen[src] = stamp
    queue.push(0, src)
    while (queue.pop()) {
      const d = queue.key
      const v = queue.value
      if (done[v] === stamp || d > dist[v]!) continue
      if (d >= D) break
      done[v] = stamp
      settledList[settled++] = v
      if (v < n) {
        // Seeker u: on to another post.
        const pu = piS[v]!
        const b = bonus[v]!
        const own = seekerEdge[v]!
        // The reduced cost of an arc is at least π_u − weight (post potentials are ≤ 0), and the
        // row is in score order: past the first arc that cannot beat D, none can.
        const base = d + pu - b
        for (let e = start[v]!, end = start[v + 1]!; e < end; e++) {
          if (base - score[e]! >= D) break
          if (e === own) continue
          const j = post[e]!
          const node = n + j
          if (done[node] === stamp) continue
          const nd = base - piP[j]! - score[e]!
          if (nd >= D) continue
          if (seen[node] !== stamp || nd < dist[node]!) {
            seen[node] = stamp
            dist[node] = nd
            predEdge[j] = e
            predSeeker[j] = v
            // A post with room ends a path here (its potential is 0): no need to wait until it is settled.
            if (load[j]! < capacity[j]!) {
              D = nd
              endNode = node
            } else queue.push(nd, node)
          }
        }
      } else {
        // A full post: on to one of its holders, who moves elsewhere or leaves.
        const j = v - n
        const pj = piP[j]!
        for (let x = slotStart[j]!, end = slotStart[j]! + load[j]!; x < end; x++) {
          const h = slotSeeker[x]!
          if (done[h] === stamp) continue
          const ph = piS[h]!
          const nd = d + slotWeight[x]! + pj - ph
          if (nd >= D) continue
          if (seen[h] !== stamp || nd < dist[h]!) {
            seen[h] = stamp
            dist[h] = nd
            if (nd + ph < D) {
              D = nd + ph
              endNode = h
            }
            // Moving h to its best post with room ends a path too: found here, without settling h.
            const a = this.freeAlt(h)
            if (a >= 0) {
              const cand = nd + ph - score[a]! - bonus[h]!
              if (cand < D) {
                const k = post[a]!
                D = cand
                endNode = n + k
                seen[n + k] = stamp
                dist[n + k] = cand
                predEdge[k] = a
                predSeeker[k] = h
              }
            }
            queue.push(nd, h)
          }
        }
      }
    }
    this.settledTotal += settled
    // Potentials of settled nodes move by (d − D) ≤ 0; the others are unchanged.
    for (let x = 0; x < settled; x++) {
      const v = settledList[x]!
      const delta = dist[v]! - D
      if (delta >= 0) continue
      if (v < n) piS[v] = piS[v]! + delta
      else piP[v - n] = piP[v - n]! + delta
    }
    return endNode
  }

  /** Moves seekers along the path that ends at `endNode` (a post with room, or a seeker who leaves). */
  augment(src: number, endNode: number) {
    const n = this.n
    let j: number
    if (endNode < n) {
      if (endNode === src) return // staying unplaced is best
      j = this.seekerPost[endNode]!
      this.unplace(endNode)
    } else j = endNode - n
    for (;;) {
      // The seeker on the arc into j: the source, or a holder reached from its current post.
      const a = this.predSeeker[j]!
      const from = this.seekerPost[a]!
      if (from >= 0) this.unplace(a)
      this.place(a, j, this.predEdge[j]!)
      if (a === src) return
      j = from
    }
  }
}
