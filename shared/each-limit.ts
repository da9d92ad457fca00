/**
 * Runs `work` for every item with at most `limit` running at once, in order of start; resolves when
 * all are done, rejects with the first failure (the others already started still finish).
 */
export async function eachLimit<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const it = items[Symbol.iterator]()
  const worker = async (): Promise<void> => {
    for (let next = it.next(); !next.done; next = it.next()) await work(next.value)
  }
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker))
}
