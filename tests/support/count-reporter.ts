import { appendFileSync } from 'node:fs'
import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends the run with the plain line `N passed, N failed` (vitest's own summary is not that line),
 * and, when WENGANG_COUNTS_FILE is set, appends the counts there for scripts/test.ts to add up.
 */
export default class CountReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const s = t.result().state
        if (s === 'passed') passed++
        else if (s === 'failed') failed++
        else skipped++
      }
      // A file that failed to load has no tests but is a failure all the same.
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed++
    }
    const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`
    process.stdout.write(`\nvitest: ${line}\n`)
    if (process.env.WENGANG_COUNTS_FILE) appendFileSync(process.env.WENGANG_COUNTS_FILE, `${JSON.stringify({ runner: 'vitest', passed, failed, skipped })}\n`)
  }
}
