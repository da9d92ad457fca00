import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../functions/jobs/seed-data.js'
import { roleLabel, startBanner, withoutChunkWarning } from '../../scripts/banner.js'

const banner = (over: Partial<Parameters<typeof startBanner>[0]> = {}) =>
  startBanner({ url: 'http://127.0.0.1:3000', dataDir: '/repo/.data', accounts: DEMO_ACCOUNTS, localCodes: true, seededNow: true, ...over })

describe('the start banner', () => {
  it('says where to go: the portal and the API reference', () => {
    expect(banner()).toContain('http://127.0.0.1:3000\n')
    expect(banner()).toContain('http://127.0.0.1:3000/api/docs')
  })

  it('lists every demo account with its role and phone, one a line', () => {
    const lines = banner().split('\n')
    for (const a of DEMO_ACCOUNTS) {
      const line = lines.find((l) => l.includes(a.phone))
      expect(line, a.phone).toBeDefined()
      expect(line).toContain(roleLabel(a))
      expect(line).toContain(a.name)
    }
    // The phones line up in one column, whatever the width of the Chinese role names before them.
    const columns = new Set(DEMO_ACCOUNTS.map((a) => {
      const line = lines.find((l) => l.includes(a.phone))!
      const before = line.slice(0, line.indexOf(a.phone))
      return [...before].reduce((n, ch) => n + (/[\u4e00-\u9fff（）]/.test(ch) ? 2 : 1), 0)
    }))
    expect(columns.size).toBe(1)
  })

  it('names the roles as the README does, the township officer with their township', () => {
    expect(DEMO_ACCOUNTS.map(roleLabel)).toEqual([
      '管理员 admin',
      '区级就业专干 district officer',
      '乡镇就业专干 township officer (灵井镇)',
      '车间负责人 workshop owner',
      '求职者 seeker',
      '审计员 auditor',
      '区级就业专干 district officer',
    ])
  })

  it('says how the code is shown locally, and not when codes go by text message', () => {
    expect(banner()).toContain('获取验证码')
    expect(banner()).toContain('shown on the page')
    expect(banner({ localCodes: false })).not.toContain('shown on the page')
  })

  it('says where the data lives, whether it was just seeded, and how to reset it', () => {
    expect(banner()).toContain('/repo/.data (演示区刚生成 demo district just seeded)')
    expect(banner({ seededNow: false })).toContain('kept from the last run')
    expect(banner()).toContain('npm run reset')
    expect(banner()).toContain('npm start -- --fresh')
  })
})

describe("vite's chunk-size advice, said once in the README instead", () => {
  const advice = [
    '[plugin builtin:vite-reporter] ',
    '(!) Some chunks are larger than 500 kB after minification. Consider:',
    '- Using dynamic import() to code-split the application',
    '- Use build.rolldownOptions.output.codeSplitting to improve chunking: https://rolldown.rs/reference/OutputOptions.codeSplitting',
    '- Adjust chunk size limit for this warning via build.chunkSizeWarningLimit.',
    '',
  ].join('\n')

  it('is taken out, and any other output stays', () => {
    expect(withoutChunkWarning(advice)).toBe('')
    expect(withoutChunkWarning(`warning: something else\n${advice}`)).toBe('warning: something else\n')
    expect(withoutChunkWarning('warning: something else\n')).toBe('warning: something else\n')
  })
})
