import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commandName, confirmReset, databaseFiles, inUseMessage, javaOn, markInUse, usersOf, wipeData } from '../../scripts/data-dir.js'

const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'wengang-reset-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('confirmReset: asks, and no is the default', () => {
  const never = async () => {
    throw new Error('must not ask')
  }
  const answering = (a: string) => async () => a

  it('--yes goes without asking, terminal or not', async () => {
    expect(await confirmReset({ yes: true, isTty: false, ask: never, dataDir: '/d' })).toEqual({ go: true })
    expect(await confirmReset({ yes: true, isTty: true, ask: never, dataDir: '/d' })).toEqual({ go: true })
  })

  it('without a terminal and without --yes nothing goes, and it says to pass --yes', async () => {
    const r = await confirmReset({ yes: false, isTty: false, ask: never, dataDir: '/d' })
    expect(r.go).toBe(false)
    expect(r.why).toContain('--yes')
  })

  it.each([
    ['y', true],
    ['Y', true],
    [' yes ', true],
    ['是', true],
    ['', false],
    ['n', false],
    ['no', false],
    ['yess', false],
  ])('on a terminal, %j → %s', async (answer, go) => {
    let asked = ''
    const r = await confirmReset({ yes: false, isTty: true, ask: async (q) => ((asked = q), answer), dataDir: '/repo/.data' })
    expect(r.go).toBe(go)
    expect(asked).toContain('/repo/.data')
    expect(asked).toContain('[y/N]')
  })
})

describe('who uses the data directory', () => {
  it('a live marker is a user, a dead one is dropped, this process is not counted', () => {
    const dir = tmp()
    writeFileSync(path.join(dir, 'in-use.111.json'), JSON.stringify({ pid: 111, command: 'npm start', since: '2026-11-28T02:00:00Z' }))
    writeFileSync(path.join(dir, 'in-use.222.json'), JSON.stringify({ pid: 222, command: 'npm run dev', since: '2026-11-28T02:00:00Z' }))
    markInUse(dir, 'npm run reset')
    const users = usersOf(dir, (pid) => pid === 111, path.join(dir, 'no-proc'))
    expect(users.map((u) => [u.pid, u.command])).toEqual([[111, 'npm start']])
    expect(readdirSync(dir).sort()).toEqual(['in-use.111.json', `in-use.${process.pid}.json`])
  })

  it('a Java with -dbPath on the directory is a user even without a marker', () => {
    const dir = tmp()
    const proc = tmp()
    const cmd = (pid: string, args: string[]) => {
      mkdirSync(path.join(proc, pid))
      writeFileSync(path.join(proc, pid, 'cmdline'), `${args.join('\0')}\0`)
    }
    cmd('4242', ['java', '-Xmx1g', '-jar', 'DynamoDBLocal.jar', '-port', '1', '-dbPath', dir])
    cmd('4343', ['java', '-jar', 'DynamoDBLocal.jar', '-dbPath', '/elsewhere'])
    cmd('4444', ['bash', '-c', `java -dbPath ${dir}`])
    expect(javaOn(dir, proc)).toEqual([4242])
    expect(usersOf(dir, () => false, proc)).toEqual([{ pid: 4242, command: 'DynamoDB Local (java)', since: '' }])
  })

  it('the refusal names each user and how to stop it', () => {
    const m = inUseMessage('/repo/.data', [{ pid: 111, command: 'npm start', since: '' }, { pid: 4242, command: 'DynamoDB Local (java)', since: '' }])!
    expect(m).toContain('/repo/.data is in use, nothing was changed')
    expect(m).toContain('npm start (pid 111)')
    expect(m).toContain('kill 111 4242')
    expect(m).toContain('Ctrl-C')
    expect(inUseMessage('/repo/.data', [])).toBeUndefined()
  })

  it('npm names the command from its lifecycle event', () => {
    expect(commandName({ npm_lifecycle_event: 'start' })).toBe('npm start')
    expect(commandName({ npm_lifecycle_event: 'dev' })).toBe('npm run dev')
  })
})

describe('wipeData', () => {
  it('refuses while the directory is in use, deleting nothing', () => {
    const dir = tmp()
    writeFileSync(path.join(dir, 'shared-local-instance.db'), 'x')
    expect(() => wipeData(dir, [{ pid: 111, command: 'npm start', since: '' }])).toThrow('kill 111')
    expect(databaseFiles(dir)).toEqual(['shared-local-instance.db'])
  })

  it("deletes DynamoDB Local's files and nothing else someone keeps there", () => {
    const dir = tmp()
    writeFileSync(path.join(dir, 'shared-local-instance.db'), 'x')
    writeFileSync(path.join(dir, 'local_cn-north-1.db'), 'x')
    writeFileSync(path.join(dir, 'notes.txt'), 'mine')
    expect(wipeData(dir, []).sort()).toEqual(['local_cn-north-1.db', 'shared-local-instance.db'])
    expect(readdirSync(dir)).toEqual(['notes.txt'])
  })
})
