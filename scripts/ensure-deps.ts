/**
 * What a fresh machine may lack: a Java runtime (DynamoDB Local, for `npm start` and `npm test`) and
 * Chromium (e2e, `npm test` only). As root with apt-get (Debian) they are installed; otherwise the
 * run stops with the exact command to type. One helper, so both commands ask for the same things.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const JAVA_PACKAGE = 'default-jre-headless'
export const MIN_JAVA = 17

/** The machine as the helper sees it; tests pass their own (a PATH without java, a fake apt-get). */
export interface Machine {
  env: NodeJS.ProcessEnv
  isRoot: boolean
  say: (line: string) => void
}

const thisMachine = (): Machine => ({ env: process.env, isRoot: process.getuid?.() === 0, say: (l) => console.log(l) })

/** The first directory on PATH holding an executable of that name (what the shell would run). */
export function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  return (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, name)).find((p) => existsSync(p))
}

/** The Java major version on PATH, or undefined when there is none (or it does not run). */
export function javaMajor(env: NodeJS.ProcessEnv): { major?: number; found: string } {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8', env })
  if (r.error || r.status !== 0) return { found: 'none' }
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
  const major = Number(/version "(?:1\.)?(\d+)/.exec(out)?.[1] ?? 0)
  return { major, found: out.split('\n')[0] ?? 'unknown' }
}

export type InstallPlan = { do: 'nothing' } | { do: 'install'; packages: string[] } | { do: 'stop'; command: string }

/**
 * What to do about missing packages: nothing when none are missing, apt-get as root where it
 * exists, otherwise stop and name the command (with sudo when not root).
 */
export function installPlan(missing: string[], o: { isRoot: boolean; hasApt: boolean }): InstallPlan {
  if (missing.length === 0) return { do: 'nothing' }
  if (o.isRoot && o.hasApt) return { do: 'install', packages: missing }
  const sudo = o.isRoot ? '' : 'sudo '
  return { do: 'stop', command: `${sudo}apt-get update && ${sudo}apt-get install -y ${missing.join(' ')}` }
}

function aptInstall(packages: string[], m: Machine): boolean {
  m.say(`installing ${packages.join(' ')} with apt-get (正在用 apt-get 安装)…`)
  const env = { ...m.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  return spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env }).status === 0
}

const javaMessage = (found: string, command: string) =>
  `DynamoDB Local needs a Java runtime >= ${MIN_JAVA} (本地数据库需要 Java ${MIN_JAVA} 或更高版本; found: ${found}).\n` +
  `  Debian/Ubuntu: ${command}\n` +
  '  macOS: brew install openjdk@17\n' +
  'Then run the command again (然后重新运行).'

/** Java ≥ 17 on PATH, installed with apt-get when this runs as root on Debian; else an Error naming the command. */
export function ensureJava(m: Machine = thisMachine()): void {
  const before = javaMajor(m.env)
  if ((before.major ?? 0) >= MIN_JAVA) return
  const plan = installPlan([JAVA_PACKAGE], { isRoot: m.isRoot, hasApt: onPath('apt-get', m.env) !== undefined })
  if (plan.do === 'stop') throw new Error(javaMessage(before.found, plan.command))
  const installed = plan.do === 'install' && aptInstall(plan.packages, m)
  const after = javaMajor(m.env)
  if (!installed || (after.major ?? 0) < MIN_JAVA) {
    throw new Error(`apt-get install -y ${JAVA_PACKAGE} did not give a Java runtime >= ${MIN_JAVA} (安装 Java 失败; found: ${after.found}): see apt-get's output above.`)
  }
  m.say(`java ready: ${after.found}`)
}

/** Without a CJK font Chromium draws Chinese as empty boxes: screenshots would show nothing readable. */
const hasCjkFont = () => (spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout ?? '').trim().length > 0

export function ensureChromium(m: Machine = thisMachine()): void {
  const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(hasCjkFont() ? [] : ['fonts-noto-cjk'])]
  const plan = installPlan(missing, { isRoot: m.isRoot, hasApt: onPath('apt-get', m.env) !== undefined })
  if (plan.do === 'install') aptInstall(plan.packages, m)
  if (!existsSync(CHROMIUM)) {
    const command = plan.do === 'stop' ? plan.command : 'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk'
    throw new Error(`The e2e tests need Chromium at ${CHROMIUM}.\n  Debian/Ubuntu: ${command}\n  or set CHROMIUM_PATH. (Playwright's own browser download is not used.)`)
  }
}

/**
 * Node as package.json's engines say (vite 8 needs 20.19 or later): an older one fails later with
 * errors that do not say why, so it is named at once.
 */
export function nodeProblem(version: string, required = { major: 20, minor: 19 }): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number)
  if (major > required.major || (major === required.major && minor >= required.minor)) return undefined
  return `稳岗通 needs Node ${required.major}.${required.minor} or later (需要 Node ${required.major}.${required.minor} 或更高版本); this is Node ${version}. See https://nodejs.org or your package manager.`
}

export function ensureNode(): void {
  const problem = nodeProblem(process.version)
  if (problem) throw new Error(problem)
}

/** A helper's Error becomes its message and exit code 1, without a stack: the message says what to do. */
export function stopOnSetupError(e: unknown): never {
  console.error(`\n${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureNode()
    ensureJava()
    // Imported here, not at the top: dynamodb-local.ts uses ensureJava, and a cycle is avoided.
    const { ensureEmulator } = await import('./dynamodb-local.js')
    ensureEmulator()
    ensureChromium()
    console.log('java, DynamoDB Local and chromium are ready')
  } catch (e) {
    stopOnSetupError(e)
  }
}
