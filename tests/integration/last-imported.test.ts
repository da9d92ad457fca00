import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { lastImportedOf, lastImportedValue } from '../../functions/db/imports.js'
import { lastImportedKey } from '../../functions/db/keys.js'
import { testApp } from '../support/app.js'

// The last import's values moved onto the file item (4 December 2026); a file an older release
// imported still has them in an item of its own, and is judged by those.
describe('last imported values', () => {
  it('come from the file when it has them, else from the item an older release wrote, else there are none', async () => {
    const t = await testApp()
    await t.db.doc.send(new PutCommand({ TableName: t.db.table, Item: { ...lastImportedKey('OLD'), entity: 'lastImported', seekerId: 'OLD', importId: 'I0', fields: { education: 'primary' }, at: '2026-01-01T00:00:00Z' } }))
    // A file that has the attribute is not looked up in the old items, even if one is there.
    await t.db.doc.send(new PutCommand({ TableName: t.db.table, Item: { ...lastImportedKey('NEW'), entity: 'lastImported', seekerId: 'NEW', importId: 'I0', fields: { education: 'stale' }, at: '2026-01-01T00:00:00Z' } }))
    const files = new Map([
      ['NEW', { lastImported: lastImportedValue('I1', { education: 'junior' }, new Date()) }],
      ['OLD', {}],
      ['NONE', {}],
    ])
    const got = await lastImportedOf(t.db, files)
    expect(Object.fromEntries(got)).toEqual({ NEW: { education: 'junior' }, OLD: { education: 'primary' } })
  })
})
