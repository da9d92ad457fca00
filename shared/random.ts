/** mulberry32: a small seeded PRNG, so demo data and benchmarks are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!

/** Picks by weight: `weighted(rand, [['a', 3], ['b', 1]])` gives 'a' three times as often. */
export function weighted<T>(rand: () => number, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((s, [, w]) => s + w, 0)
  let x = rand() * total
  for (const [v, w] of options) if ((x -= w) < 0) return v
  return options[options.length - 1]![0]
}

export const intBetween = (rand: () => number, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1))
