/**
 * The local data directory (.data/ or WENGANG_DATA_DIR): who is using it, and starting it over.
 * Each local command that runs DynamoDB Local on it leaves a marker `in-use.<pid>.json` there while
 * it runs; `npm run reset` and `npm start -- --fresh` refuse while a live one (or a Java still
 * holding the directory) is found, because deleting files under a running database corrupts it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export const dataDirOf = (env: NodeJS.ProcessEnv = process.env) => path.resolve(env.WENGANG_DATA_DIR ?? '.data')

export interface DataUser {
  pid: number
  /** What a person would have typed: `npm start`, `npm run dev`… */
  command: string
  since: string
}

const MARKER = /^in-use\.(\d+)\.json$/

/** `npm start`, `npm run dev`… from npm's lifecycle name, else the script's file. */
export const commandName = (env: NodeJS.ProcessEnv = process.env, argv = process.argv): string => {
  const event = env.npm_lifecycle_event
  if (event === 'start' || event === 'test') return `npm ${event}`
  if (event) return `npm run ${event}`
  return `tsx ${path.relative(process.cwd(), argv[1] ?? 'script')}`
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists, it is just someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Marks the directory as used by this process until it exits (however it exits, short of kill -9). */
export function markInUse(dataDir: string, command = commandName()): void {
  mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, `in-use.${process.pid}.json`)
  const user: DataUser = { pid: process.pid, command, since: new Date().toISOString() }
  writeFileSync(file, `${JSON.stringify(user)}\n`)
  process.once('exit', () => rmSync(file, { force: true }))
}

/** Java processes whose command line names this directory as DynamoDB Local's -dbPath (Linux /proc). */
export function javaOn(dataDir: string, procRoot = '/proc'): number[] {
  if (!existsSync(procRoot)) return []
  const found: number[] = []
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue
    let args: string[]
    try {
      args = readFileSync(path.join(procRoot, entry, 'cmdline'), 'utf8').split('\0')
    } catch {
      continue
    }
    const i = args.indexOf('-dbPath')
    if (i >= 0 && path.basename(args[0] ?? '') === 'java' && path.resolve(args[i + 1] ?? '') === dataDir) found.push(Number(entry))
  }
  return found
}

/** The process's parent, grandparent… (Linux /proc), to tell a server's own Java from a stray one. */
function ancestors(pid: number, procRoot: string): number[] {
  const found: number[] = []
  for (let p = pid, i = 0; i < 8; i++) {
    try {
      // /proc/<pid>/stat: "pid (name) state ppid …"; the name may hold spaces, so read after the last ')'.
      const stat = readFileSync(path.join(procRoot, String(p), 'stat'), 'utf8')
      p = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    } catch {
      break
    }
    if (!p) break
    found.push(p)
  }
  return found
}

/** Live users of the directory; markers of processes that died without cleaning up are dropped. */
export function usersOf(dataDir: string, alive = isAlive, procRoot = '/proc'): DataUser[] {
  const users: DataUser[] = []
  if (existsSync(dataDir)) {
    for (const name of readdirSync(dataDir)) {
      const m = MARKER.exec(name)
      if (!m) continue
      const file = path.join(dataDir, name)
      if (Number(m[1]) !== process.pid && alive(Number(m[1]))) {
        try {
          users.push(JSON.parse(readFileSync(file, 'utf8')) as DataUser)
        } catch {
          users.push({ pid: Number(m[1]), command: 'a local command', since: '' })
        }
      } else if (Number(m[1]) !== process.pid) rmSync(file, { force: true })
    }
  }
  // A Java started by one of those users goes when it goes: only a stray one is named.
  const known = new Set(users.map((u) => u.pid))
  for (const pid of javaOn(dataDir, procRoot)) {
    if (!known.has(pid) && !ancestors(pid, procRoot).some((a) => known.has(a))) users.push({ pid, command: 'DynamoDB Local (java)', since: '' })
  }
  return users
}

/** Why the directory may not be reset now, and how to free it; undefined when nobody uses it. */
export function inUseMessage(dataDir: string, users: DataUser[]): string | undefined {
  if (users.length === 0) return undefined
  const lines = users.map((u) => `  ${u.command} (pid ${u.pid}${u.since ? `, since ${new Date(u.since).toLocaleTimeString()}` : ''})`)
  const pids = users.map((u) => u.pid).join(' ')
  return [
    `数据目录正在使用中，未做任何更改 — ${dataDir} is in use, nothing was changed:`,
    ...lines,
    `Stop it first (先停止它): Ctrl-C in its terminal, or \`kill ${pids}\`; then run the reset again.`,
  ].join('\n')
}

/** DynamoDB Local's files in the directory: only these are deleted, whatever else someone keeps there. */
export const databaseFiles = (dataDir: string): string[] => (existsSync(dataDir) ? readdirSync(dataDir).filter((n) => n.endsWith('.db')) : [])

export type Ask = (question: string) => Promise<string>

/**
 * Whether to go ahead: `--yes` goes; on a terminal the person is asked and only y/yes/是 goes (the
 * default is no); without a terminal and without `--yes` nothing is deleted (a script must say so).
 */
export async function confirmReset(o: { yes: boolean; isTty: boolean; ask: Ask; dataDir: string }): Promise<{ go: boolean; why?: string }> {
  if (o.yes) return { go: true }
  if (!o.isTty) return { go: false, why: 'Not a terminal, so nobody can be asked: pass --yes to reset from a script (非交互环境请加 --yes).' }
  const answer = await o.ask(`删除 ${o.dataDir} 中的全部本地数据，重新生成演示区？Delete all local data in ${o.dataDir} and start over with a new demo district? [y/N] `)
  return /^\s*(y|yes|是)\s*$/i.test(answer) ? { go: true } : { go: false, why: 'Nothing was deleted (未删除任何数据).' }
}

/** Deletes the database files, after checking nobody uses them; answers what was deleted. */
export function wipeData(dataDir: string, users: DataUser[] = usersOf(dataDir)): string[] {
  const busy = inUseMessage(dataDir, users)
  if (busy) throw new Error(busy)
  const files = databaseFiles(dataDir)
  for (const f of files) rmSync(path.join(dataDir, f), { force: true })
  return files
}
