/** What `npm start` prints once it answers: where to go, who to sign in as, where the data is. */
import { TOWNSHIPS } from '../shared/geo.js'
import { DEMO_PASSWORD, type DemoAccount } from '../functions/jobs/seed-data.js'

/** A demo account's role as people say it, zh-CN first. */
export function roleLabel(a: Pick<DemoAccount, 'role' | 'scope'>): string {
  switch (a.role) {
    case 'admin':
      return '管理员 admin'
    case 'officer': {
      if (a.scope === 'district' || a.scope === undefined) return '区级就业专干 district officer'
      const town = TOWNSHIPS.find((t) => t.code === a.scope)
      return `乡镇就业专干 township officer (${town?.name ?? a.scope})`
    }
    case 'owner':
      return '车间负责人 workshop owner'
    case 'seeker':
      return '求职者 seeker'
    case 'auditor':
      return '审计员 auditor'
    default:
      return a.role
  }
}

/** Display width in a terminal: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0)
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)))

export interface BannerInput {
  url: string
  dataDir: string
  accounts: readonly DemoAccount[]
  /** Local mode shows the sign-in code on the page; elsewhere it goes by text message. */
  localCodes: boolean
  seededNow: boolean
}

export function startBanner(o: BannerInput): string {
  const roles = o.accounts.map(roleLabel)
  const w = Math.max(...roles.map(width))
  const code = o.localCodes
    ? ['  登录：输入手机号，点“获取验证码”——本地运行时验证码直接填入并显示在登录页（日志里也有）。',
       '  Sign in: type a phone, press 获取验证码 (Get code); locally the code is filled in and shown on the page (and logged).']
    : ['  Sign-in codes go by text message (WENGANG_ENV is not local).']
  return [
    '',
    `稳岗通 Wengang 已启动 is up:  ${o.url}`,
    `  API 文档 reference:       ${o.url}/api/docs`,
    '',
    '  演示账号 demo accounts:',
    ...o.accounts.map((a, i) => `    ${pad(roles[i]!, w)}  ${a.phone}  ${a.name}`),
    `    工作人员密码 staff password (admin, officers, auditor): ${DEMO_PASSWORD}`,
    '    任何其他手机号 any other mobile number → 新求职者 a new seeker',
    ...code,
    '',
    `  数据 data:   ${o.dataDir}${o.seededNow ? ' (演示区刚生成 demo district just seeded)' : ' (保留上次的数据 kept from the last run)'}`,
    '  重来 reset:  Ctrl-C, then npm run reset   (or npm start -- --fresh)',
    '  停止 stop:   Ctrl-C',
    '',
  ].join('\n')
}

/** Vite's advice block about chunks over 500 kB, which the README explains once; any other output stays. */
export const withoutChunkWarning = (out: string): string =>
  out.replace(/(\[plugin builtin:vite-reporter\]\s*\n)?\(!\) Some chunks are larger than 500 kB[\s\S]*?chunkSizeWarningLimit\.\n?/, '')
