import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '../../functions/db/client.js'
import { createUser, findUserByPhone } from '../../functions/db/users.js'
import { createProtector } from '../../functions/security/protect.js'
import { ensureTable, startDynamoLocal } from '../../scripts/dynamodb-local.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-persist-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const javaOnPort = (port: number) =>
  spawnSync('bash', ['-c', `ps -eo args | grep -c "[D]ynamoDBLocal.jar -port ${port} "`], { encoding: 'utf8' }).stdout.trim() !== '0'

describe('DynamoDB Local as npm start runs it', () => {
  it('keeps data written through the repositories across a stop and a start', async () => {
    const p = createProtector('persistence-test-key')
    const first = await startDynamoLocal({ dbPath: dir })
    await ensureTable(first.endpoint, 'wengang')
    const u = await createUser(createDb({ tableName: 'wengang', endpoint: first.endpoint, cursorSecret: 'test' }), p, { role: 'seeker', name: '王芳', phone: '13900001111' })
    await first.stop()
    expect(javaOnPort(first.port)).toBe(false)

    const second = await startDynamoLocal({ dbPath: dir })
    expect(await ensureTable(second.endpoint, 'wengang')).toBe(false)
    const found = await findUserByPhone(createDb({ tableName: 'wengang', endpoint: second.endpoint, cursorSecret: 'test' }), p, '13900001111')
    expect(found?.id).toBe(u.id)
    await second.stop()
  })

  it('leaves no Java process behind when its parent is killed with SIGKILL', async () => {
    const script = `import { startDynamoLocal } from ${JSON.stringify(path.resolve('scripts/dynamodb-local.ts'))}
const d = await startDynamoLocal({ inMemory: true }); console.log('PORT', d.port); setInterval(() => {}, 1000)`
    const child = spawn('npx', ['tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    const port = await new Promise<number>((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /PORT (\d+)/.exec(out)
        if (m) resolve(Number(m[1]))
      })
      child.once('exit', () => reject(new Error(`child exited before starting: ${out}`)))
    })
    expect(javaOnPort(port)).toBe(true)
    // npx → tsx → node: kill the whole tree's node processes with SIGKILL, as an OOM killer would.
    spawnSync('bash', ['-c', `pkill -9 -f -- "--input-type=module"`])
    await expect.poll(() => javaOnPort(port), { timeout: 15_000, interval: 250 }).toBe(false)
  })
})
