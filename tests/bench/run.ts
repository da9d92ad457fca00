/**
 * `npm run bench [-- name…]`: benchmarks that print figures; nothing here asserts a time.
 * Available: browse, marketplace, matching, board (all by default).
 */
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const all: Record<string, () => Promise<unknown>> = {
  browse: () => import('./browse.js').then((m) => m.run()),
  marketplace: () => import('./marketplace.js').then((m) => m.run()),
  matching: () => import('./matching.js').then((m) => m.run()),
  board: () => import('./board.js').then((m) => m.run()),
}
for (const name of wanted.length ? wanted : Object.keys(all)) {
  const run = all[name]
  if (!run) {
    console.error(`unknown benchmark "${name}"; available: ${Object.keys(all).join(', ')}`)
    process.exit(2)
  }
  console.log(`\n== bench: ${name}`)
  await run()
}
process.exit(0)
export {}
