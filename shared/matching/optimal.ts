/**
 * The optimal mode: a maximum-weight b-matching on the eligible-pair graph, exact.
 *
 * Weight of a pair = score + bigM · priority, with bigM larger than any total score, so maximising
 * the weight maximises first the number of priority people placed, then the total score.
 *
 * Method: successive shortest paths (the Hungarian method, row by row) on the flow network
 * seeker → post (cost −weight) → sink (capacity = open headcount), plus seeker → sink (cost 0,
 * "unplaced"). Posts are single nodes with their holders listed, not one node per slot. Each seeker
 * joins with one Dijkstra search over reduced costs, stopped as soon as the sink is settled;
 * potentials only ever decrease, which keeps every residual arc (those out of the sink included)
 * non-negative, so the flow stays optimal for the seekers added so far and is optimal at the end.
 * Costs are integers below 2^53: the arithmetic in doubles is exact.
 */
import type { MatchGraph, Progress } from './graph.js'

/** Larger than any total score (≤ 100 per placed person), so one more priority person always wins. */
export function bigM(g: MatchGraph): number {
  let slots = 0
  for (let j = 0; j < g.m; j++) slots += g.capacity[j]!
  return 100 * Math.min(g.n, slots) + 1
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
  searches: number
  /** Nodes settled over all searches: the work beyond reading each seeker's pairs once. */
  settled: number
  fastPath: number
}

export function solveOptimal(g: MatchGraph, onProgress?: Progress, stats?: OptimalStats): Assignment {
  const { n, m, start, post, score, priority, capacity } = g
  const M = bigM(g)
  // Post holders: slots of post j are slotStart[j] .. slotStart[j] + load[j].
  const slotStart = new Int32Array(m + 1)
  for (let j = 0; j < m; j++) slotStart[j + 1] = slotStart[j]! + Math.max(0, capacity[j]!)
  const slotSeeker = new Int32Array(slotStart[m]!)
  const load = new Int32Array(m)
  const seekerEdge = new Int32Array(n).fill(-1)
  const seekerPost = new Int32Array(n).fill(-1)
  const seekerSlot = new Int32Array(n)
  // Potentials; the sink's stays 0.
  const piS = new Float64Array(n)
  const piP = new Float64Array(m)
  // Dijkstra state, valid when stamp equals the search number (no clearing between searches).
  const N = n + m
  const dist = new Float64Array(N)
  const seen = new Int32Array(N)
  const done = new Int32Array(N)
  const predEdge = new Int32Array(m)
  const predSeeker = new Int32Array(m)
  const settledList = new Int32Array(N)
  const queue = new BucketQueue()

  const place = (i: number, j: number, e: number) => {
    const x = slotStart[j]! + load[j]!++
    slotSeeker[x] = i
    seekerSlot[i] = x
    seekerPost[i] = j
    seekerEdge[i] = e
  }
  const unplace = (i: number) => {
    const j = seekerPost[i]!
    const x = seekerSlot[i]!
    const last = slotStart[j]! + --load[j]!
    const moved = slotSeeker[last]!
    slotSeeker[x] = moved
    seekerSlot[moved] = x
    seekerPost[i] = -1
    seekerEdge[i] = -1
  }

  // Order: priority people first, then by best score; any order gives the optimum, this one
  // makes fewer later searches undo earlier choices.
  const best = new Uint8Array(n)
  for (let i = 0; i < n; i++) for (let e = start[i]!; e < start[i + 1]!; e++) if (score[e]! > best[i]!) best[i] = score[e]!
  const ORD = process.env.ORD ?? "pb"
  const degree = (i: number) => start[i + 1]! - start[i]!
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(ORD === "pb" ? (a, b) => priority[b]! - priority[a]! || best[b]! - best[a]! || a - b : ORD === "p" ? (a, b) => priority[b]! - priority[a]! || a - b : ORD === "pd" ? (a, b) => priority[b]! - priority[a]! || degree(a) - degree(b) || a - b : ORD === "pD" ? (a, b) => priority[b]! - priority[a]! || degree(b) - degree(a) || a - b : ORD === "pw" ? (a, b) => priority[b]! - priority[a]! || best[a]! - best[b]! || a - b : (a, b) => a - b)

  let stamp = 0
  let settledTotal = 0
  let fast = 0
  let searches = 0
  const step = Math.max(1, Math.floor(n / 100))
  for (let k = 0; k < n; k++) {
    if (onProgress && k % step === 0) onProgress('solve', k / n)
    const src = order[k]!
    const e0 = start[src]!
    const e1 = start[src + 1]!
    if (e0 === e1) continue
    const bonus = priority[src]! * M
    // The new seeker's potential makes all its arcs non-negative: π = max(0, max over posts of π_j + w).
    let pi = 0
    let bestE = -1
    for (let e = e0; e < e1; e++) {
      const v = piP[post[e]!]! + score[e]! + bonus
      if (v > pi) {
        pi = v
        bestE = e
      }
    }
    piS[src] = pi
    if (bestE < 0) continue // nothing worth more than staying unplaced
    // Fast path: a zero-reduced-cost arc to a post with room ends the search at distance 0.
    let free = -1
    for (let e = bestE; e < e1; e++) {
      const j = post[e]!
      if (piP[j]! + score[e]! + bonus === pi && load[j]! < capacity[j]!) {
        free = e
        break
      }
    }
    if (free >= 0) {
      place(src, post[free]!, free)
      fast++
      continue
    }

    searches++
    stamp++
    queue.reset()
    let settled = 0
    // Best path to the sink found so far: through the seeker's own "unplaced" arc.
    let D = pi
    let endNode = src
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
        // Seeker u: to the sink by being unplaced (if placed and not the source), or to another post.
        const u = v
        const pu = piS[u]!
        const b = priority[u]! * M
        const own = seekerEdge[u]!
        for (let e = start[u]!; e < start[u + 1]!; e++) {
          if (e === own) continue
          const j = post[e]!
          const node = n + j
          if (done[node] === stamp) continue
          const nd = d + pu - piP[j]! - score[e]! - b
          if (nd >= D) continue
          if (seen[node] !== stamp || nd < dist[node]!) {
            seen[node] = stamp
            dist[node] = nd
            predEdge[j] = e
            predSeeker[j] = u
            // A post with room ends a path here (its potential is 0): no need to wait until it is settled.
            if (load[j]! < capacity[j]!) {
              D = nd
              endNode = node
            } else queue.push(nd, node)
          }
        }
      } else {
        const j = v - n
        const pj = piP[j]!
        // Full: move one of its holders elsewhere.
        for (let x = slotStart[j]!, end = slotStart[j]! + load[j]!; x < end; x++) {
          const h = slotSeeker[x]!
          if (done[h] === stamp) continue
          const nd = d + score[seekerEdge[h]!]! + priority[h]! * M + pj - piS[h]!
          if (nd >= D) continue
          if (seen[h] !== stamp || nd < dist[h]!) {
            seen[h] = stamp
            dist[h] = nd
            // Leaving h unplaced ends a path too.
            if (nd + piS[h]! < D) {
              D = nd + piS[h]!
              endNode = h
            }
            queue.push(nd, h)
          }
        }
      }
    }
    settledTotal += settled
    if (stats) { const b = D <= 0 ? 0 : Math.min(30, Math.ceil(Math.log2(D + 1))); (stats as any).dh ??= new Array(31).fill(0); (stats as any).dh[b]++; }
    if (stats) { const b = Math.min(20, Math.ceil(Math.log2(settled + 1))); (stats as any).hist ??= new Array(21).fill(0); (stats as any).hist[b]++; (stats as any).hsum ??= new Array(21).fill(0); (stats as any).hsum[b] += settled }
    // Potentials of settled nodes move by (d − D) ≤ 0; the others are unchanged.
    for (let x = 0; x < settled; x++) {
      const v = settledList[x]!
      const delta = dist[v]! - D
      if (delta >= 0) continue
      if (v < n) piS[v] = piS[v]! + delta
      else piP[v - n] = piP[v - n]! + delta
    }
    // Augment along the path back to the source.
    let j: number
    if (endNode < n) {
      if (endNode === src) continue // staying unplaced is best
      j = seekerPost[endNode]!
      unplace(endNode)
    } else j = endNode - n
    for (;;) {
      const e = predEdge[j]!
      // The seeker on that arc: the source, or a holder reached from its current post.
      const a = predSeeker[j]!
      const from = seekerPost[a]!
      if (from >= 0) unplace(a)
      place(a, j, e)
      if (a === src) break
      j = from
    }
  }
  onProgress?.('solve', 1)
  if (stats) {
    stats.searches = searches
    stats.settled = settledTotal
    stats.fastPath = fast
  }
  return seekerEdge
}
