import type { Plugin } from 'vite'
import { ENTRY_PAGES } from '../shared/entry-pages'

/** What the build says of a chunk (the parts of Rollup's output chunk read here). */
interface Chunk {
  type: 'chunk'
  fileName: string
  facadeModuleId: string | null
  imports: string[]
  viteMetadata?: { importedCss: Set<string> }
}

/** index.html with `<link>`s for these scripts and stylesheets, before its head ends (those it already has left out). */
export function withPreloads(html: string, scripts: readonly string[], styles: readonly string[]): string {
  const has = (file: string) => html.includes(`/${file}"`)
  const links = [
    ...scripts.filter((f) => !has(f)).map((f) => `    <link rel="modulepreload" crossorigin href="/${f}">`),
    ...styles.filter((f) => !has(f)).map((f) => `    <link rel="stylesheet" crossorigin href="/${f}">`),
  ]
  if (!html.includes('</head>')) throw new Error('index.html has no </head>')
  return links.length ? html.replace(/\n?[ \t]*<\/head>/, `\n${links.join('\n')}\n  </head>`) : html
}

/**
 * Writes the entry pages of shared/entry-pages.ts: for each, index.html preloading the page's
 * chunk, the chunks it imports and their CSS, and the message modules the route waits for, so all of it downloads beside the main script instead of after it.
 */
export function entryPages(): Plugin {
  return {
    name: 'wengang-entry-pages',
    apply: 'build',
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
          this.emitFile({ type: 'asset', fileName: e.file, source: withPreloads(index.source, [...scripts], [...styles]) })
        }
      },
    },
  }
}
