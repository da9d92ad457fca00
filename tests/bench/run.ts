/**
 * `npm run bench [-- name… [--option value…]]`: benchmarks that print figures; nothing here asserts a time.
 * Without a name: every benchmark except portal (Lighthouse, minutes long: `npm run bench -- portal`), a11y and screens.
 * a11y: Lighthouse accessibility on the public pages and every role's home page, with each failing item.
 * screens: screenshots of the same pages at 375 and 1280 px in both languages, to look at (not by default).
 * scale: issue 15's cost at 200 and 5,000 open posts.
 * lambda: the API bundle's size and module load against a baseline.
 * board: the targets board's p95 and DynamoDB calls per request.
 * import: a 20,000-row roster through the import job (`--rows N`): rows/s and peak memory.
 */
const args = process.argv.slice(2)
const firstOption = args.findIndex((a) => a.startsWith('-'))
// The names come first; what follows belongs to the benchmarks (`portal --url http://…`).
const wanted = firstOption < 0 ? args : args.slice(0, firstOption)
const all: Record<string, () => Promise<unknown>> = {
  browse: () => import('./browse.js').then((m) => m.run()),
  marketplace: () => import('./marketplace.js').then((m) => m.run()),
  matching: () => import('./matching.js').then((m) => m.run()),
  portal: () => import('./portal.js').then((m) => m.run()),
  a11y: () => import('./a11y.js').then((m) => m.run()),
  screens: () => import('./screens.js').then((m) => m.run()),
  scale: () => import('./scale.js').then((m) => m.run()),
  lambda: () => import('./lambda.js').then((m) => m.run()),
  board: () => import('./board.js').then((m) => m.run()),
  import: () => import('./import.js').then((m) => m.run()),
}
const byDefault = Object.keys(all).filter((name) => name !== 'portal' && name !== 'a11y' && name !== 'screens')
for (const name of wanted.length ? wanted : byDefault) {
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
