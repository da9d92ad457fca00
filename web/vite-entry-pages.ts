import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'
import { ENTRY_PAGES } from '../shared/entry-pages'

/** What the build says of a chunk (the parts of Rollup's output chunk read here). */
interface Chunk {
  type: 'chunk'
  fileName: string
  facadeModuleId: string | null
  imports: string[]
  code: string
  viteMetadata?: { importedCss: Set<string> }
}

/**
 * index.html with `<link>`s for these scripts and stylesheets, before its head ends (those it already
 * has left out), and these classic scripts ahead of its own, async: they start as the head is read
 * and run as soon as they arrive.
 */
export function withPreloads(html: string, scripts: readonly string[], styles: readonly string[], classicScripts: readonly string[] = []): string {
  const has = (file: string) => html.includes(`/${file}"`)
  const links = [
    ...scripts.filter((f) => !has(f)).map((f) => `    <link rel="modulepreload" crossorigin href="/${f}">`),
    ...styles.filter((f) => !has(f)).map((f) => `    <link rel="stylesheet" crossorigin href="/${f}">`),
  ]
  if (!html.includes('</head>')) throw new Error('index.html has no </head>')
  let out = links.length ? html.replace(/\n?[ \t]*<\/head>/, `\n${links.join('\n')}\n  </head>`) : html
  if (classicScripts.length) {
    const first = /^([ \t]*)<(script|link rel="(?:modulepreload|stylesheet)")/m.exec(out)
    if (!first) throw new Error('index.html loads no script')
    const tags = classicScripts.map((f) => `${first[1]}<script async fetchpriority="high" src="/${f}"></script>\n`).join('')
    out = out.slice(0, first.index) + tags + out.slice(first.index)
  }
  return out
}

/**
 * The head's module scripts (the entry and its preloads) largest first, where the first of them was:
 * over HTTP/1.1 a phone fetches six files at a time, and the big shared chunk started in the first
 * six, rather than after the small ones, is the one the first paint waits for least.
 */
export function largestFirst(html: string, sizeOf: (file: string) => number): string {
  const tag = /^[ \t]*<(?:script type="module"[^>]*\ssrc|link rel="modulepreload"[^>]*\shref)="\/([^"]+)"[^>]*>(?:<\/script>)?\n/gm
  const tags = [...html.matchAll(tag)]
  if (tags.length < 2) return html
  const sorted = [...tags].sort((a, b) => sizeOf(b[1]!) - sizeOf(a[1]!)).map((m) => m[0])
  const at = tags[0]!.index
  return html.slice(0, at) + sorted.join('') + html.slice(at).replace(tag, '')
}

/** A classic script as the page gets it: the file without its whole-line comments (it is not bundled, so not minified). */
const classicScript = (file: string): string =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n')

/**
 * Writes the entry pages of shared/entry-pages.ts: for each, index.html preloading the page's
 * chunk, the chunks it imports and their CSS, and the message modules the route waits for, so all of it downloads beside the main script instead of after it.
 */
export function entryPages(): Plugin {
  let root = ''
  return {
    name: 'wengang-entry-pages',
    apply: 'build',
    configResolved(config) {
      root = config.root
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const index = bundle['index.html']
        if (!index || index.type !== 'asset' || typeof index.source !== 'string') throw new Error('the build has no index.html to copy')
        const chunks = Object.values(bundle).filter((c): c is Chunk & (typeof bundle)[string] => c.type === 'chunk') as unknown as Chunk[]
        const byFile = new Map(chunks.map((c) => [c.fileName, c]))
        const facade = (suffix: string) => {
          const c = chunks.find((x) => x.facadeModuleId?.replace(/\\/g, '/').endsWith(suffix))
          if (!c) throw new Error(`entry pages: no chunk for ${suffix}`)
          return c
        }
        for (const e of ENTRY_PAGES) {
          const scripts = new Set<string>()
          const styles = new Set<string>()
          const visit = (c: Chunk) => {
            if (scripts.has(c.fileName)) return
            scripts.add(c.fileName)
            for (const css of c.viteMetadata?.importedCss ?? []) styles.add(css)
            for (const f of c.imports) visit(byFile.get(f)!)
          }
          visit(facade(e.page))
          for (const m of e.messages) visit(facade(m))
          const classic = e.script ? [this.getFileName(this.emitFile({ type: 'asset', name: path.basename(e.script), source: classicScript(path.join(root, e.script)) }))] : []
          const html = withPreloads(index.source, [...scripts], [...styles], classic)
          this.emitFile({ type: 'asset', fileName: e.file, source: largestFirst(html, (f) => byFile.get(f)?.code.length ?? 0) })
        }
      },
    },
  }
}
