/**
 * 导入 a generated 20,000-row roster (`npm run bench -- import [--rows N]`), 5 % bad rows, through
 * the import job on DynamoDB Local: prints rows/s, the job's wall time and the process's peak
 * memory (RSS sampled every 50 ms while the job runs). Asserts nothing.
 */
import os from 'node:os'
import path from 'node:path'
import { mkdtempSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { readConfig } from '../../functions/config.js'
import * as Imports from '../../functions/core/imports.js'
import type { Deps } from '../../functions/core/deps.js'
import { log } from '../../functions/core/log.js'
import { createDb } from '../../functions/db/client.js'
import { getImport } from '../../functions/db/imports.js'
import { createUser } from '../../functions/db/users.js'
import { putGeography } from '../../functions/db/geo.js'
import { inProcessRenderer } from '../../functions/exports/renderer.js'
import { localFileStore } from '../../functions/files/store.js'
import { createProtector } from '../../functions/security/protect.js'
import { unconfiguredSms } from '../../functions/auth/sms.js'
import { ensureTable, startDynamoLocal } from '../../scripts/dynamodb-local.js'
import { TOWNSHIPS, VILLAGES } from '../../shared/geo.js'
import { idCheckChar } from '../../shared/id-number.js'

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const GIVEN = '建国秀英桂兰志强海燕国庆玉梅明华文军丽娟俊杰红霞春生小平'

export async function run(argv = process.argv.slice(2)) {
  const at = argv.indexOf('--rows')
  const rows = at >= 0 ? Number(argv[at + 1]) : 20_000
  const dynamo = await startDynamoLocal({ inMemory: true })
  try {
    await ensureTable(dynamo.endpoint, 'bench_import')
    const config = { ...readConfig({ WENGANG_ENV: 'test', TABLE_NAME: 'bench_import', DYNAMODB_ENDPOINT: dynamo.endpoint }), env: 'local' as const }
    const db = createDb({ tableName: 'bench_import', endpoint: dynamo.endpoint, cursorSecret: config.sessionSecret })
    const files = localFileStore({ dir: mkdtempSync(path.join(os.tmpdir(), 'wengang-bench-import-')), secret: config.sessionSecret })
    const quiet = { info() {}, warn() {}, error: log.error }
    const deps: Deps = { config, db, protector: createProtector(config.dataKey), sms: unconfiguredSms, log: quiet, now: () => new Date(), jobs: { async start() {} }, exports: inProcessRenderer(files), files }
    await putGeography(db, TOWNSHIPS, VILLAGES)
    const officer = await createUser(db, deps.protector, { role: 'officer', name: '区专干', phone: '17700000003', scope: 'district' })
    const actor = { userId: officer.id, role: 'officer' as const, scope: 'district' as const, sessionId: 'bench' }

    let t = performance.now()
    const body = await roster(rows)
    console.log(`roster: ${rows} rows, ${(body.byteLength / 1024 / 1024).toFixed(2)} MB .xlsx, written in ${Math.round(performance.now() - t)} ms`)
    const { id } = await Imports.upload(deps, actor, { kind: 'people', dryRun: false, fileName: 'bench.xlsx' }, body)
    global.gc?.()
    const base = process.memoryUsage().rss
    let peak = base
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
    t = performance.now()
    await Imports.run(deps, id)
    const ms = performance.now() - t
    clearInterval(sampler)
    const r = (await getImport(db, id))!
    console.log(`import: status ${r.status}, rows ${r.rows}, valid ${r.valid}, invalid ${r.invalid}, created ${r.created}, toReview ${r.toReview}`)
    console.log(`time ${(ms / 1000).toFixed(1)} s, ${Math.round(r.rows / (ms / 1000))} rows/s; peak RSS ${Math.round(peak / 1024 / 1024)} MB (${Math.round(base / 1024 / 1024)} MB before the job)`)
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  } finally {
    await dynamo.stop()
  }
}

/** Households of 1–4 members in lingjing and suqiao; every 20th row is bad (a rounded ID, a bad date, an unknown village, a repeated ID, a bad phone). */
async function roster(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('家庭成员')
  ws.addRow(['建安区脱贫户及监测户家庭成员信息表'])
  ws.addRow([])
  ws.addRow(['序号', '姓名', '证件号码', '户主身份证号', '与户主关系', '户类型', '是否风险消除', '风险消除时间', '劳动技能', '文化程度', '联系电话', '乡镇', '村'])
  const villages = VILLAGES.filter((v) => v.township === 'lingjing' || v.township === 'suqiao')
  let head = ''
  for (let i = 0; i < n; i++) {
    // A birth day of its own for each row (1950 onwards, everyone over 16): namesakes are not near-duplicates.
    const birth = new Date(Date.UTC(1950, 0, 1 + (i % 15_000))).toISOString().slice(0, 10).replace(/-/g, '')
    const body = `4110${String(10 + (i % 80)).padStart(2, '0')}${birth}${String(i % 1000).padStart(3, '0')}`
    const idNo = `${body}${idCheckChar(body)}`
    const v = villages[Math.floor(i / 4) % villages.length]!
    const member = i % 4 !== 0
    if (!member) head = idNo
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13 + 1) % GIVEN.length]}`
    const row: (string | number | null)[] = [i + 1, name, idNo, head, member ? '配偶' : '户主', member ? null : '脱贫户', '否', null, '普通劳动力', '初中', `139${String(i).padStart(8, '0')}`, TOWNSHIPS.find((t) => t.code === v.township)!.name, v.name]
    if (i % 20 === 19) {
      const kind = Math.floor(i / 20) % 5
      if (kind === 0) row[2] = 411003198001010000
      if (kind === 1) ((row[6] = '是'), (row[7] = '2022年13月5日'))
      if (kind === 2) row[12] = '不存在村'
      if (kind === 3) row[2] = head
      if (kind === 4) row[10] = '12345'
    }
    ws.addRow(row)
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
