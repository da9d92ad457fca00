import { baseCompile, type CompileError } from '@intlify/message-compiler'
import { parseSync, type Plugin } from 'vite'

/** The message files (web/src/i18n): the core languages and the feature modules. */
const MESSAGE_FILE = /[\\/]web[\\/]src[\\/]i18n[\\/](?:zh-CN|en|modules[\\/][\w-]+)\.ts$/

/** Characters with a meaning in vue-i18n's message syntax (interpolation, plurals, linked messages, the legacy %{}). */
const SYNTAX = /[{}@|%]/

interface Node {
  type: string
  start: number
  end: number
  [key: string]: unknown
}

/**
 * Every string that is a property's value in a message file, in source order. Keys and anything
 * else (an identifier such as `en` in `{ 'zh-CN': zh, en }`) are left as they are.
 */
function messageLiterals(program: Node): Node[] {
  const found: Node[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!value || typeof value !== 'object' || typeof (value as Node).type !== 'string') return
    const node = value as Node
    const v = node.value as Node | undefined
    if (node.type === 'Property' && !node.computed && v?.type === 'Literal' && typeof v.value === 'string') found.push(v)
    for (const [key, child] of Object.entries(node)) if (key !== 'type' && key !== 'start' && key !== 'end') visit(child)
  }
  visit(program)
  return found
}

/** One message as the runtime-only vue-i18n takes it: a plain text as a function returning it, anything else as its AST. */
function compiled(message: string, where: string): string {
  if (!SYNTAX.test(message)) return `__text(${JSON.stringify(message)})`
  const errors: CompileError[] = []
  const { ast } = baseCompile(message, { jit: true, location: false, minify: true, onError: (e) => errors.push(e) })
  if (errors.length) throw new Error(`${where}: the message ${JSON.stringify(message)} does not compile: ${errors.map((e) => e.message).join('; ')}`)
  return JSON.stringify(ast)
}

/**
 * 预编译 the portal's messages at build time, so the browser needs no message compiler: vue-i18n
 * compiles each message the first time it is shown, with about 5 KB gzip of compiler in the
 * framework chunk every page downloads. The build replaces each message with what that compiler
 * would have made of it (its AST, as @intlify/unplugin-vue-i18n does; a plain text as a function
 * returning it, the smallest form the runtime takes) and drops the compiler
 * (`__INTLIFY_DROP_MESSAGE_COMPILER__`). The dev server and the tests keep the plain strings.
 */
export function precompileMessages(): Plugin {
  return {
    name: 'wengang-precompile-messages',
    apply: 'build',
    enforce: 'pre',
    config: () => ({ define: { __INTLIFY_DROP_MESSAGE_COMPILER__: true } }),
    transform(code, id) {
      if (!MESSAGE_FILE.test(id)) return null
      const { program, errors } = parseSync(id, code)
      if (errors.length) throw new Error(`${id}: ${errors.map((e) => e.message).join('; ')}`)
      const literals = messageLiterals(program as unknown as Node)
      let out = ''
      let at = 0
      for (const lit of literals) {
        out += code.slice(at, lit.start) + compiled(lit.value as string, id)
        at = lit.end
      }
      out += code.slice(at)
      return { code: `const __text = (s: string) => () => s\n${out}`, map: null }
    },
  }
}
