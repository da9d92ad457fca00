import en from './en'
import accounts from './modules/accounts'
import board from './modules/board'
import contacts from './modules/contacts'
import listExports from './modules/exports'
import following from './modules/following'
import monitoring from './modules/monitoring'
import history from './modules/history'
import imports from './modules/imports'
import household from './modules/household'
import householdPage from './modules/household-page'
import matching from './modules/matching'
import oversight from './modules/oversight'
import password from './modules/password'
import peopleSearch from './modules/people-search'
import records from './modules/records'
import seeker from './modules/seeker'
import subsidies from './modules/subsidies'
import todo from './modules/todo'
import zhCN from './zh-CN'

/**
 * The portal's messages: the core files plus one module per feature, merged at the top level.
 * Kept apart from index.ts (which touches the DOM) so the key test can read exactly what the portal shows.
 */
export const MODULES = [subsidies, matching, seeker, records, oversight, household, accounts, password, contacts, history, peopleSearch, board, todo, following, monitoring, imports, householdPage, listExports] as const

type ZhOf<M extends { 'zh-CN': object }> = M['zh-CN']
export type MessageSchema = typeof zhCN &
  ZhOf<typeof subsidies> &
  ZhOf<typeof matching> &
  ZhOf<typeof seeker> &
  ZhOf<typeof records> &
  ZhOf<typeof oversight> &
  ZhOf<typeof household> &
  ZhOf<typeof accounts> &
  ZhOf<typeof password> &
  ZhOf<typeof contacts> &
  ZhOf<typeof history> &
  ZhOf<typeof peopleSearch> &
  ZhOf<typeof board> &
  ZhOf<typeof todo> &
  ZhOf<typeof following> &
  ZhOf<typeof monitoring> &
  ZhOf<typeof imports> &
  ZhOf<typeof householdPage> &
  ZhOf<typeof listExports>

export const messages = {
  'zh-CN': Object.assign({}, zhCN, ...MODULES.map((m) => m['zh-CN'])) as MessageSchema,
  en: Object.assign({}, en, ...MODULES.map((m) => m.en)) as MessageSchema,
}
