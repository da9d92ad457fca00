/**
 * The entry pages' script order (web/vite-entry-pages.ts largestFirst): the head's module script
 * and its preloads, largest first, where the first of them stood; everything else as it was.
 */
import { describe, expect, it } from 'vitest'
import { largestFirst } from '../../../web/vite-entry-pages'

const head = [
  '<head>',
  '  <meta charset="UTF-8" />',
  '  <title>稳岗通</title>',
  '  <script type="module" crossorigin src="/assets/index-a.js"></script>',
  '  <link rel="modulepreload" crossorigin href="/assets/small-b.js">',
  '  <link rel="modulepreload" crossorigin href="/assets/framework-c.js">',
  '  <link rel="stylesheet" crossorigin href="/assets/index-d.css">',
  '  <link rel="modulepreload" crossorigin href="/assets/page-e.js">',
  '</head>',
  '',
].join('\n')
const sizes: Record<string, number> = { 'assets/index-a.js': 20_000, 'assets/small-b.js': 900, 'assets/framework-c.js': 180_000, 'assets/page-e.js': 40_000 }
const order = (html: string) => [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1])

describe('largest first (the first paint waits least for the big shared chunk)', () => {
  it('orders the module script and its preloads by size, where the first of them was, each once', () => {
    const out = largestFirst(head, (f) => sizes[f] ?? 0)
    expect(order(out)).toEqual(['assets/framework-c.js', 'assets/page-e.js', 'assets/index-a.js', 'assets/small-b.js', 'assets/index-d.css'])
    // Nothing else moves or goes: the same lines, the stylesheet after them, the title before.
    expect(out.split('\n').sort()).toEqual(head.split('\n').sort())
    expect(out.indexOf('<title>')).toBeLessThan(out.indexOf('framework-c.js'))
  })

  it('leaves a page with one script or none as it is', () => {
    const one = head.split('\n').filter((l) => !l.includes('modulepreload')).join('\n')
    expect(largestFirst(one, (f) => sizes[f] ?? 0)).toBe(one)
    expect(largestFirst('<head></head>\n', () => 0)).toBe('<head></head>\n')
  })
})
