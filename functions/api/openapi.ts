import * as z from 'zod'
import { AccountPatch, LoginRequest, LoginResponse, NewAccount, OtpRequest, PasswordChange, OtpResponse, User, UserQuery } from '../../shared/schemas/auth.js'
import { IdParam } from '../../shared/schemas/common.js'
import { FileLink } from '../../shared/sheet.js'
import { Post, PostDetail, PostPatch, PostQuery, NewPost } from '../../shared/schemas/posts.js'
import { RevealedContact, WorkerPhone, WorkshopContactInput, WorkshopContactView } from '../../shared/schemas/contacts.js'
import { PageQuery, TownshipCode } from '../../shared/schemas/common.js'
import { HouseholdCategory, MonitoredSubtype, PendingDecision, PeopleSearch, Seeker, SeekerHit, SeekerInput, SeekerSearch } from '../../shared/schemas/seekers.js'
import { MatchRun, MatchRunInput, Proposal, ProposalEdit, ProposalQuery, Recommendation } from '../../shared/schemas/match-runs.js'
import { Difficulty, DifficultyClose, DifficultyInput, DifficultyQuery, NewWorkshop, Workshop, WorkshopDecision, WorkshopDetail, WorkshopStatus } from '../../shared/schemas/workshops.js'
import { Preferences, UnreadCount } from '../../shared/schemas/preferences.js'
import { HistoryEntry, HistoryQuery } from '../../shared/schemas/history.js'
import { CountedPersonRow, DashboardBoard, DashboardExportQuery, DashboardPeopleQuery, DashboardQuery } from '../../shared/schemas/board.js'
const Household = z.object({ category: HouseholdCategory, monitoredSubtype: MonitoredSubtype.optional(), riskEliminatedOn: z.string().optional() })
const PendingChange = z.object({ seekerId: z.string(), seekerName: z.string(), township: z.string(), current: Household, requested: Household, requestedBy: z.string(), requestedAt: z.string() })
const RecordProblem = z.object({ township: z.string(), seekerId: z.string(), seekerName: z.string(), record: z.enum(['seeker', 'placement', 'certificate', 'training', 'yulu']), id: z.string(), field: z.string(), rule: z.string(), message: z.string(), messageEn: z.string() })
const RecordCheck = z.object({ township: z.string(), checkedAt: z.string(), people: z.number().int(), records: z.number().int(), problems: z.number().int() })
const IdCollision = z.object({ id: z.string(), township: z.string(), existingSeekerId: z.string(), idNumberMasked: z.string(), attemptedBy: z.string(), attemptedRole: z.string(), attemptedName: z.string(), at: z.string() })
import {
  Application,
  ApplicationId,
  ApplicationStatus,
  ApplyInput,
  EndPlacementInput,
  ExternalPlacementInput,
  HireInput,
  InboxMessage,
  InboxQuery,
  Placement,
  PlacementQuery,
  RejectInput,
} from '../../shared/schemas/applications.js'
import {
  BatchInput,
  BatchNoticeQuery,
  Certificate,
  CertificateInput,
  CertificateRow,
  Claim,
  ClaimDetail,
  ClaimInput,
  ClaimRow,
  EligibilityFilter,
  EligibilityQuery,
  EligibilityTotals,
  LedgerPageQuery,
  LedgerQuery,
  PaymentBatch,
  Period,
  Policy,
  PolicyInput,
  RejectClaimInput,
  ReverseClaimInput,
  SubsidyKind,
  Term,
  Training,
  TrainingInput,
  TrainingQuery,
  VerifyInput,
  YuluInput,
  YuluRecord,
} from '../../shared/schemas/subsidies.js'
import { TodoList, TodoQuery } from '../../shared/schemas/todo.js'
import { DueItem as PlanDueItem, Graduate, GraduateInput, GraduatePatch, GraduateQuery, GraduateServiceInput, Returnee, ReturneeInput, ReturneePatch, ReturneeQuery, ReturneeServiceInput, ServiceEntry } from '../../shared/schemas/following.js'
import { HouseholdFile } from '../../shared/schemas/household-file.js'
import { CaseDetail, CaseQuery, CheckInput, CloseInput, DueItem, DueQuery, DueSummary, DueSummaryQuery, HelperInput, Household as FollowHousehold, HouseholdDetail, HouseholdListItem, HouseholdParam, HouseholdQuery, MeasureDoneInput, MonitoringCase, NewCase, NewHousehold, PlanInput, StepInput } from '../../shared/schemas/monitoring.js'
import { ExportRecord, ExportRequest } from '../../shared/schemas/exports.js'
import { ImportFromUpload, ImportRecord, ImportReview, ImportReviewQuery, ImportTemplateQuery, ImportUploadQuery, ReviewDecision, ReviewParam, UploadForm, UploadFormRequest } from '../../shared/schemas/imports.js'
import { contentSecurityPolicy, CSP_DIRECTIVES, cspHash } from '../security/headers.js'

/**
 * The API reference, built from the same zod schemas the routes validate with. A test checks
 * that every route the app serves is listed here and nothing else is.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
  summary: string
  tag: string
  auth?: boolean
  params?: z.ZodObject
  query?: z.ZodObject
  body?: z.ZodType
  /** A body that is a file, not JSON (a roster upload): its description. */
  fileBody?: string
  /** A multipart form (the local file store's upload form): its description. */
  formBody?: string
  response?: z.ZodType
  /** The success status when it is not 200: 201 for a record made, 202 for work started. */
  status?: 201 | 202 | 204
  /** Statuses beyond those the route's shape implies (documentedStatuses): 200 beside a 201 when a repeat changes nothing, 413/415 of an upload, 429 of a limit. */
  statuses?: number[]
}

/**
 * What a route answers: its success status; 400 when it takes input; 401 and 403 when it needs a
 * session; 404 when it names an object or loads one in the caller's scope; 409 when it changes
 * something (a conflict with what is there); and its own extras. A test holds every response the
 * integration suite sees to this list (tests/support/api-doc-check.ts).
 */
export function documentedStatuses(r: RouteDoc): number[] {
  const s = new Set<number>([r.status ?? 200])
  if (r.params || r.query || r.body) s.add(400)
  if (r.auth) [401, 403, 404].forEach((x) => s.add(x))
  if (r.params) s.add(404)
  if (r.method !== 'get') s.add(409)
  for (const e of r.statuses ?? []) s.add(e)
  s.add(500) // an internal fault: {code: 'internal'} and a request id, never a stack
  return [...s].sort((a, b) => a - b)
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: '已创建 Created',
  202: '已受理，后台处理 Accepted: the work runs in the background',
  204: '已保存 Stored',
  400: '输入有误（逐字段说明）Invalid input, field by field',
  401: '未登录或会话已失效 Not signed in, or the session ended',
  403: '无权限 Not allowed for this role or scope',
  404: '不存在或不在您的范围内 Not found, or outside your scope',
  409: '与现有数据冲突 Conflicts with what is there',
  410: '链接已过期 The link has expired',
  413: '文件过大 The file is too large',
  415: '文件类型不支持 Unsupported file type',
  429: '过于频繁，请稍后再试 Too many requests; try again later',
  500: '内部错误（已记录请求编号）Internal error (logged with the request id)',
  503: '暂不可用 Temporarily unavailable',
}

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  requestId: z.string(),
  issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string(), messageEn: z.string() })).optional(),
})

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() })
const Totals = z.object({ count: z.number().int(), totalFen: z.number().int() })
const LedgerTotals = Totals.extend({ byKind: z.record(z.string(), Totals), byTownship: z.record(z.string(), Totals), byStatus: z.record(z.string(), Totals) })
const EligibilityItem = z.object({
  subject: z.object({ type: z.enum(['seeker', 'workshop']), id: z.string(), name: z.string(), township: z.string(), village: z.string().optional(), idNumberMasked: z.string().optional() }),
  decision: z.looseObject({ eligible: z.boolean(), amountFen: z.number().int() }),
})
const AuditEvent = z.looseObject({ id: z.string(), at: z.string(), action: z.string(), actorId: z.string(), actorRole: z.string(), actorName: z.string().optional() })
const Township = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), lat: z.number(), lng: z.number() })
const Village = z.object({ code: z.string(), township: z.string(), name: z.string(), lat: z.number(), lng: z.number() })

export const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/health', tag: 'system', summary: '健康检查 Health check (API and table)', response: z.object({ status: z.enum(['ok', 'degraded']), env: z.string(), db: z.boolean(), time: z.string() }) },
  { method: 'get', path: '/api/openapi.json', tag: 'system', summary: 'OpenAPI 3.1 文档 This document' },
  { method: 'get', path: '/api/docs', tag: 'system', summary: 'API 参考页 Readable API reference' },
  { method: 'post', path: '/api/auth/otp', statuses: [413, 429, 503], tag: 'auth', summary: '发送登录验证码 Send a sign-in code by SMS', body: OtpRequest, response: OtpResponse },
  { method: 'post', path: '/api/auth/login', statuses: [401, 403, 429], tag: 'auth', summary: '验证码登录 Sign in with phone and code; officers, auditors and admins add their password (401 auth.passwordRequired without it; an account with none gets a session limited to setting one)', body: LoginRequest, response: LoginResponse },
  { method: 'post', path: '/api/me/password', tag: 'auth', summary: '设置或修改登录密码 Set the first password (limited session: answers a new full token) or change it (with the current one); staff only', auth: true, body: PasswordChange, response: z.object({ passwordSet: z.literal(true), token: z.string().optional(), user: User.optional() }) },
  { method: 'post', path: '/api/auth/logout', tag: 'auth', summary: '退出登录 Sign out (revokes the session)', auth: true, response: z.object({ signedOut: z.literal(true) }) },
  { method: 'get', path: '/api/users', tag: 'users', summary: '用户列表（按角色，可按姓名查找）Accounts by role, searchable by name (admin)', auth: true, query: UserQuery, response: page(User) },
  { method: 'post', path: '/api/users', status: 201, tag: 'users', summary: '新建账号（专员须有工作范围）Create an account (an officer needs a scope)', auth: true, body: NewAccount, response: User },
  { method: 'patch', path: '/api/users/{id}', tag: 'users', summary: '修改姓名、角色或工作范围（留痕；其会话随即结束）Change name, role or scope (audited; their sessions end)', auth: true, params: IdParam, body: AccountPatch, response: User },
  { method: 'post', path: '/api/users/{id}/deactivate', tag: 'users', summary: '停用账号（会话随即结束；最后一个管理员不能停用）Deactivate (sessions end; not the last admin)', auth: true, params: IdParam, response: User },
  { method: 'post', path: '/api/users/{id}/password/reset', tag: 'users', summary: '重置登录密码（留痕；其会话随即结束，下次登录时设新密码）Reset a staff password (audited; their sessions end; they set a new one at next sign-in)', auth: true, params: IdParam, response: User },
  { method: 'post', path: '/api/users/{id}/activate', tag: 'users', summary: '重新启用账号 Reactivate an account', auth: true, params: IdParam, response: User },
  { method: 'get', path: '/api/me', tag: 'auth', summary: '当前用户 The signed-in user', auth: true, response: User },
  { method: 'get', path: '/api/geo/townships', tag: 'geo', summary: '乡镇列表 Townships of the district', response: z.object({ items: z.array(Township) }) },
  { method: 'get', path: '/api/geo/townships/{code}/villages', tag: 'geo', summary: '村列表 Villages of a township', params: z.object({ code: TownshipCode }), response: z.object({ items: z.array(Village) }) },
  { method: 'get', path: '/api/posts', tag: 'posts', summary: '浏览开放岗位 Browse open posts (newest first, cursor pages)', query: PostQuery, response: page(Post) },
  { method: 'get', path: '/api/posts/{id}', tag: 'posts', summary: '岗位详情（联系电话脱敏）Post detail, with its contact masked', params: IdParam, response: PostDetail },
  { method: 'post', path: '/api/posts/{id}/contact', statuses: [429], tag: 'posts', summary: '查看联系电话（留痕，每日限次）Reveal the post’s contact phone (signed-in seekers, those who manage it; audited, limited a day)', auth: true, params: IdParam, response: RevealedContact },
  { method: 'post', path: '/api/posts', status: 201, tag: 'posts', summary: '发布岗位 Create a post (owner: workshop posts; officer: public-welfare, enterprise, labor export)', auth: true, body: NewPost, response: Post },
  { method: 'patch', path: '/api/posts/{id}', tag: 'posts', summary: '修改岗位或状态 Edit a post or move its status', auth: true, params: IdParam, body: PostPatch, response: Post },
  { method: 'post', path: '/api/posts/{id}/applications', status: 201, statuses: [200], tag: 'applications', summary: '申请岗位 Apply (repeating is harmless)', auth: true, params: IdParam, body: ApplyInput, response: Application },
  { method: 'get', path: '/api/posts/{id}/applications', tag: 'applications', summary: '岗位的申请人 Applicants of a post (masked)', auth: true, params: IdParam, query: PageQuery.extend({ status: ApplicationStatus.optional() }), response: page(Application) },
  { method: 'post', path: '/api/applications/{id}/shortlist', tag: 'applications', summary: '入围 Shortlist', auth: true, params: z.object({ id: ApplicationId }), response: Application },
  { method: 'post', path: '/api/applications/{id}/reject', tag: 'applications', summary: '不录用（附原因）Reject with a reason', auth: true, params: z.object({ id: ApplicationId }), body: RejectInput, response: Application },
  { method: 'post', path: '/api/applications/{id}/hire', tag: 'applications', summary: '录用（不会超出招聘人数）Hire (never beyond the headcount)', auth: true, params: z.object({ id: ApplicationId }), body: HireInput, response: z.object({ application: Application, placement: Placement }) },
  { method: 'post', path: '/api/applications/{id}/phone', statuses: [429], tag: 'applications', summary: '录用后查看求职者电话（留痕，每日限次）The hired worker’s full phone, for the employer (audited, limited a day)', auth: true, params: z.object({ id: ApplicationId }), response: WorkerPhone },
  { method: 'post', path: '/api/applications/{id}/withdraw', tag: 'applications', summary: '撤回申请 Withdraw', auth: true, params: z.object({ id: ApplicationId }), response: Application },
  { method: 'get', path: '/api/placements', tag: 'placements', summary: '就业安置 Placements in scope', auth: true, query: PlacementQuery, response: page(Placement) },
  { method: 'post', path: '/api/placements', status: 201, tag: 'placements', summary: '登记平台外安置（如有组织劳务输出）Record an external placement', auth: true, body: ExternalPlacementInput, response: Placement },
  { method: 'post', path: '/api/placements/{id}/end', tag: 'placements', summary: '结束安置（岗位重新开放）End a placement (the post reopens)', auth: true, params: IdParam, body: EndPlacementInput, response: Placement },
  { method: 'post', path: '/api/placements/{id}/checks', status: 201, tag: 'following', summary: '安置后回访（1、3、6 个月）：在岗 / 离岗（日期、原因，安置随之结束）/ 联系不上 Log a check after placement (1, 3, 6 months): working, left (ends the placement), not reachable', auth: true, params: IdParam, body: CheckInput, response: z.object({ placement: Placement, outcome: z.string() }) },
  { method: 'get', path: '/api/households', tag: 'following', summary: '户：本乡镇（按村）或某位帮扶责任人的 Households of a township (by village) or of one helper (helper=me)', auth: true, query: HouseholdQuery, response: page(HouseholdListItem) },
  { method: 'post', path: '/api/households', status: 201, tag: 'following', summary: '登记户（户编号与求职者档案的 householdId 相同）Register a household (its number is the files’ householdId)', auth: true, body: NewHousehold, response: FollowHousehold },
  { method: 'get', path: '/api/households/{id}', tag: 'following', summary: '户及其成员（脱敏）A household and its members (masked)', auth: true, params: HouseholdParam, response: HouseholdDetail },
  { method: 'get', path: '/api/households/{id}/file', tag: 'following', summary: '一户一档：户、成员（身份证号脱敏）及其监测记录与时限 The household’s file: members (ID numbers masked) and its monitoring cases with their clocks', auth: true, params: HouseholdParam, response: HouseholdFile },
  { method: 'put', path: '/api/households/{id}/helper', tag: 'following', summary: '指定或更换帮扶责任人（留痕）Assign or change the helper (audited)', auth: true, params: HouseholdParam, body: HelperInput, response: FollowHousehold },
  { method: 'get', path: '/api/cases', tag: 'following', summary: '防止返贫监测：本乡镇的监测记录（按状态）Monitoring cases of a township, by status', auth: true, query: CaseQuery, response: page(MonitoringCase) },
  { method: 'post', path: '/api/cases', status: 201, tag: 'following', summary: '登记风险线索，开启监测 Record a risk signal: opens a case', auth: true, body: NewCase, response: MonitoringCase },
  { method: 'get', path: '/api/cases/{id}', tag: 'following', summary: '监测记录及时限（已用/允许天数，绿黄红）A case with its clocks (days used / allowed, green amber red)', auth: true, params: IdParam, response: CaseDetail },
  { method: 'post', path: '/api/cases/{id}/steps', tag: 'following', summary: '记录下一步（入户、比对、公示、乡镇审核、县级审定）Record the next step', auth: true, params: IdParam, body: StepInput, response: CaseDetail },
  { method: 'put', path: '/api/cases/{id}/plan', tag: 'following', summary: '帮扶计划（审定后 10 天内）The help plan (within 10 days of approval)', auth: true, params: IdParam, body: PlanInput, response: CaseDetail },
  { method: 'post', path: '/api/cases/{id}/measures', tag: 'following', summary: '措施落实 A measure carried out', auth: true, params: IdParam, body: MeasureDoneInput, response: CaseDetail },
  { method: 'post', path: '/api/cases/{id}/close', tag: 'following', summary: '风险消除（监测满 6 个月且落实至少一项措施）Close as risk eliminated (≥ 6 months, ≥ 1 measure)', auth: true, params: IdParam, body: CloseInput, response: CaseDetail },
  { method: 'get', path: '/api/due', tag: 'following', summary: '到期 / 逾期事项（按乡镇或帮扶责任人，最近到期在前）Due and overdue items, by township or helper, soonest first', auth: true, query: DueQuery, response: page(DueItem) },
  { method: 'get', path: '/api/due/summary', tag: 'following', summary: '到期 / 逾期事项数（按辖区内乡镇及事项类型，来自计数器）Due and overdue counts per township in scope and per kind, from counters kept with the items', auth: true, query: DueSummaryQuery, response: DueSummary },
  { method: 'get', path: '/api/record-problems', tag: 'placements', summary: '待更正记录：上次核查发现的不符合规则的记录 Records breaking a rule, as the last check found them', auth: true, query: PageQuery.extend({ township: TownshipCode.optional() }), response: page(RecordProblem).extend({ check: RecordCheck.nullable() }) },
  { method: 'post', path: '/api/record-problems/check', status: 202, tag: 'placements', summary: '重新核查一个乡镇的记录（后台任务）Check a township\'s records again (a background job)', auth: true, body: z.object({ township: TownshipCode.optional() }), response: z.object({ township: z.string() }) },
  { method: 'get', path: '/api/seekers', tag: 'seekers', summary: '查找求职者 Find seekers (name, village, last 4 of ID)', auth: true, query: SeekerSearch, response: page(Seeker) },
  { method: 'get', path: '/api/seekers/search', tag: 'seekers', summary: '查找人员 Search people: part of a name, full pinyin or initials, last 4 of the ID number or phone; ranked exact, start, inside, then by name', auth: true, query: PeopleSearch, response: page(SeekerHit) },
  { method: 'post', path: '/api/seekers', status: 201, tag: 'seekers', summary: '代为建档 Create a file on a seeker’s behalf', auth: true, body: SeekerInput, response: Seeker },
  { method: 'get', path: '/api/seekers/{id}', tag: 'seekers', summary: '求职者档案 A seeker file (masked)', auth: true, params: IdParam, response: Seeker },
  { method: 'put', path: '/api/seekers/{id}', tag: 'seekers', summary: '修改档案 Edit a seeker file', auth: true, params: IdParam, body: SeekerInput, response: Seeker },
  { method: 'post', path: '/api/seekers/{id}/verify', tag: 'seekers', summary: '核实档案（此后身份证号固定）Verify a seeker-entered file (the ID number is then fixed)', auth: true, params: IdParam, response: Seeker },
  { method: 'get', path: '/api/seekers/pending-changes', tag: 'seekers', summary: '待确认的家庭类别变更 Household changes waiting for an officer', auth: true, query: PageQuery.extend({ township: TownshipCode.optional() }), response: page(PendingChange) },
  { method: 'post', path: '/api/seekers/{id}/household-change', tag: 'seekers', summary: '确认或驳回家庭类别变更 Confirm or reject a household change', auth: true, params: IdParam, body: PendingDecision, response: Seeker },
  { method: 'get', path: '/api/seekers/id-collisions', tag: 'seekers', summary: '身份证号冲突 Attempts to file an ID number already held', auth: true, query: PageQuery.extend({ township: TownshipCode.optional() }), response: page(IdCollision) },
  { method: 'post', path: '/api/seekers/{id}/reveal-id', tag: 'seekers', summary: '查看完整身份证号（留痕）Reveal the full ID number (audited)', auth: true, params: IdParam, response: z.object({ idNumber: z.string() }) },
  { method: 'get', path: '/api/me/profile', tag: 'me', summary: '我的档案 My seeker file', auth: true, response: Seeker },
  { method: 'put', path: '/api/me/profile', status: 201, statuses: [200], tag: 'me', summary: '填写/修改我的档案 Create or edit my seeker file', auth: true, body: SeekerInput, response: Seeker },
  { method: 'get', path: '/api/me/applications', tag: 'me', summary: '我的申请 My applications', auth: true, query: PageQuery, response: page(Application) },
  { method: 'get', path: '/api/me/inbox', tag: 'me', summary: '我的消息（求职者；专员与管理员：每日待办摘要、每周汇总）My inbox — a seeker’s, or an officer’s/admin’s daily due digest and weekly roll-up — in the reader’s language (?lang= or Accept-Language)', auth: true, query: InboxQuery, response: page(InboxMessage) },
  { method: 'get', path: '/api/me/inbox/unread', tag: 'me', summary: '未读消息数 Unread count', auth: true, response: UnreadCount },
  { method: 'post', path: '/api/me/inbox/{id}/read', tag: 'me', summary: '标为已读 Mark read (again: no change)', auth: true, params: IdParam, response: z.object({ read: z.literal(true), unread: z.number().int().min(0) }) },
  { method: 'get', path: '/api/me/preferences', tag: 'me', summary: '我的通知方式 My notice preferences', auth: true, response: Preferences },
  { method: 'put', path: '/api/me/preferences', tag: 'me', summary: '设置通知方式 Inbox only, or inbox and SMS (audited)', auth: true, body: Preferences, response: Preferences },
  { method: 'get', path: '/api/me/workshops', tag: 'me', summary: '我的车间 My workshops (owner)', auth: true, query: PageQuery, response: page(Workshop) },
  { method: 'get', path: '/api/me/posts', tag: 'me', summary: '我发布的岗位 My posts, every status (all my workshops, newest first)', auth: true, query: PageQuery, response: page(Post) },
  { method: 'post', path: '/api/workshops', status: 201, tag: 'workshops', summary: '登记车间 Register a workshop (owner), with its contact phone', auth: true, body: NewWorkshop, response: Workshop },
  { method: 'get', path: '/api/workshops', tag: 'workshops', summary: '辖区车间 Workshops of a township (officer)', auth: true, query: PageQuery.extend({ township: TownshipCode.optional(), status: WorkshopStatus.optional() }), response: page(Workshop) },
  { method: 'get', path: '/api/workshops/{id}', tag: 'workshops', summary: '车间详情（联系电话脱敏）A workshop, with its contact phone masked', auth: true, params: IdParam, response: WorkshopDetail },
  { method: 'put', path: '/api/workshops/{id}/contact', tag: 'workshops', summary: '设置车间联系电话 Set the workshop’s contact phone (audited)', auth: true, params: IdParam, body: WorkshopContactInput, response: WorkshopContactView },
  { method: 'post', path: '/api/workshops/{id}/recognize', tag: 'workshops', summary: '认定或驳回帮扶车间 Recognize or reject', auth: true, params: IdParam, body: WorkshopDecision, response: Workshop },
  { method: 'post', path: '/api/workshops/{id}/difficulties', status: 201, tag: 'workshops', summary: '反映困难 Report a difficulty (measure 5)', auth: true, params: IdParam, body: DifficultyInput, response: Difficulty },
  { method: 'get', path: '/api/workshops/{id}/difficulties', tag: 'workshops', summary: '车间的困难诉求 A workshop’s reports', auth: true, params: IdParam, query: PageQuery, response: page(Difficulty) },
  { method: 'get', path: '/api/difficulties', tag: 'workshops', summary: '辖区困难诉求 Reports in a township', auth: true, query: DifficultyQuery, response: page(Difficulty) },
  { method: 'post', path: '/api/difficulties/{id}/close', tag: 'workshops', summary: '办结诉求 Close with a response', auth: true, params: IdParam, body: DifficultyClose, response: Difficulty },
  { method: 'post', path: '/api/certificates', status: 201, tag: 'certificates', summary: '登记证书 Record a certificate (seeker: own; officer: seekerId)', auth: true, body: CertificateInput, response: Certificate },
  { method: 'get', path: '/api/certificates', tag: 'certificates', summary: '辖区证书（待核验/已核验）Certificates of a township', auth: true, query: PageQuery.extend({ township: z.string().optional(), state: z.enum(['pending', 'verified']).optional() }), response: page(CertificateRow) },
  { method: 'post', path: '/api/certificates/{id}/verify', tag: 'certificates', summary: '核验证书（首证计入持证目标）Verify; a person’s first of the year counts toward the target', auth: true, params: IdParam, body: VerifyInput, response: Certificate },
  { method: 'get', path: '/api/seekers/{id}/certificates', tag: 'certificates', summary: '个人证书 A person’s certificates', auth: true, params: IdParam, query: PageQuery, response: page(CertificateRow) },
  { method: 'post', path: '/api/trainings', status: 201, tag: 'certificates', summary: '登记培训 Record a training', auth: true, body: TrainingInput, response: Training },
  { method: 'get', path: '/api/seekers/{id}/trainings', tag: 'certificates', summary: '个人培训记录 A person’s trainings', auth: true, params: IdParam, query: PageQuery, response: page(Training) },
  { method: 'get', path: '/api/trainings', tag: 'certificates', summary: '培训台账 Trainings of a township, newest start first (officer)', auth: true, query: TrainingQuery, response: page(Training) },
  { method: 'get', path: '/api/trainings.xlsx', tag: 'certificates', summary: '导出培训台账 Training ledger of a township as .xlsx (every row, masked IDs): a short-lived download link (GET it, no session needed)', auth: true, query: TrainingQuery.pick({ township: true }), response: FileLink },
  { method: 'put', path: '/api/yulu', tag: 'certificates', summary: '雨露计划学期状态 Set a Yulu term status', auth: true, body: YuluInput, response: YuluRecord },
  { method: 'get', path: '/api/yulu', tag: 'certificates', summary: '某学期雨露计划学员 Yulu trainees of a term', auth: true, query: PageQuery.extend({ term: Term, township: z.string().optional() }), response: page(YuluRecord) },
  { method: 'get', path: '/api/seekers/{id}/yulu', tag: 'certificates', summary: '个人雨露计划记录 A person’s Yulu terms', auth: true, params: IdParam, query: PageQuery, response: page(YuluRecord) },
  { method: 'get', path: '/api/seekers/{id}/history', tag: 'seekers', summary: '一人一档：个人经历时间线（新→旧，可按类型）A person’s timeline, newest first, by type (officer in scope)', auth: true, params: IdParam, query: HistoryQuery, response: page(HistoryEntry) },
  { method: 'get', path: '/api/me/history', tag: 'me', summary: '我的经历时间线 My own timeline (seeker)', auth: true, query: HistoryQuery, response: page(HistoryEntry) },
  { method: 'get', path: '/api/seekers/{id}/subsidies', tag: 'subsidies', summary: '个人补贴 A person’s subsidies', auth: true, params: IdParam, query: PageQuery, response: page(Claim) },
  { method: 'get', path: '/api/policies/{year}', tag: 'subsidies', summary: '年度补贴政策（现行与历史）A year’s policy in force and its history', auth: true, params: z.object({ year: z.number().int() }), response: z.object({ year: z.number(), inForce: Policy.nullable(), history: z.array(Policy) }) },
  { method: 'put', path: '/api/policies/{year}', status: 201, tag: 'subsidies', summary: '保存新版本政策（管理员）Save a new policy version (admin)', auth: true, params: z.object({ year: z.number().int() }), body: PolicyInput.extend({ expectedVersion: z.number().int() }), response: Policy },
  { method: 'get', path: '/api/dashboard', tag: 'subsidies', summary: '工作台看板：年度目标、去年同期、分乡镇与分月、安置成效 The targets board: the year’s targets beside last year, by township and month, and placement outcomes (officer)', auth: true, query: DashboardQuery, response: DashboardBoard },
  { method: 'get', path: '/api/dashboard/people', tag: 'subsidies', summary: '看板名单：某项数字背后的人员（分页）The names behind a board figure (cursor pages)', auth: true, query: DashboardPeopleQuery, response: page(CountedPersonRow) },
  { method: 'get', path: '/api/dashboard/people.xlsx', tag: 'subsidies', summary: '导出看板名单（与页面所示一致）The same names as .xlsx (every row): a short-lived download link', auth: true, query: DashboardExportQuery, response: FileLink },
  { method: 'get', path: '/api/targets/{year}', tag: 'subsidies', summary: '年度目标与进度 Targets and progress', auth: true, params: z.object({ year: z.number().int() }) },
  { method: 'get', path: '/api/eligibility', tag: 'subsidies', summary: '符合条件名单（默认仅符合者；all=true 显示全部及未满足的条件）Who is eligible (all=true: everyone, with the rules they fail)', auth: true, query: EligibilityQuery, response: page(EligibilityItem) },
  { method: 'get', path: '/api/eligibility/totals', tag: 'subsidies', summary: '乡镇合计：符合条件人数/总人数 The township’s totals (eligible of everyone; one walk over its candidates)', auth: true, query: EligibilityFilter, response: EligibilityTotals },
  { method: 'post', path: '/api/claims', status: 201, tag: 'subsidies', summary: '新建补贴申请（草稿）Create a claim (draft)', auth: true, body: ClaimInput, response: Claim },
  { method: 'post', path: '/api/claims/propose', tag: 'subsidies', summary: '为全部符合条件者生成草稿 Propose drafts for everyone eligible', auth: true, body: z.object({ kind: SubsidyKind, period: Period, township: z.string().optional() }), response: z.object({ created: z.number(), duplicates: z.number(), notEligible: z.number() }) },
  { method: 'get', path: '/api/claims/{id}', tag: 'subsidies', summary: '补贴申请（经办人姓名与所依据的记录）A claim, with its maker’s name and the facts it rests on', auth: true, params: IdParam, response: ClaimDetail },
  { method: 'post', path: '/api/claims/{id}/submit', tag: 'subsidies', summary: '提交（经办人）Submit (maker)', auth: true, params: IdParam, response: Claim },
  { method: 'post', path: '/api/claims/{id}/approve', tag: 'subsidies', summary: '审核通过（审核人≠经办人）Approve (checker ≠ maker)', auth: true, params: IdParam, response: Claim },
  { method: 'post', path: '/api/claims/{id}/reject', tag: 'subsidies', summary: '驳回 Reject', auth: true, params: IdParam, body: RejectClaimInput, response: Claim },
  { method: 'post', path: '/api/claims/{id}/reverse', status: 201, tag: 'subsidies', summary: '冲正（不修改原记录）Reverse a payment (a new entry, never an edit)', auth: true, params: IdParam, body: ReverseClaimInput, response: Claim },
  { method: 'post', path: '/api/payment-batches', status: 201, tag: 'subsidies', summary: '生成支付批次并公示 Put approved claims on public notice as a batch', auth: true, body: BatchInput, response: PaymentBatch },
  { method: 'get', path: '/api/payment-batches', tag: 'subsidies', summary: '公示中的批次：期满待支付 / 7 天内期满 Batches on notice: ready to pay, or ending within 7 days', auth: true, query: BatchNoticeQuery, response: page(PaymentBatch) },
  { method: 'get', path: '/api/todo', tag: 'officers', summary: '待办：各项待处理数量及对应的筛选页面 To-do: counts of what waits for the officer, each with its filtered page', auth: true, query: TodoQuery, response: TodoList },
  { method: 'get', path: '/api/payment-batches/{id}', tag: 'subsidies', summary: '支付批次 A payment batch', auth: true, params: IdParam, response: PaymentBatch },
  { method: 'post', path: '/api/payment-batches/{id}/pay', tag: 'subsidies', summary: '公示期满后支付（每人每期只付一次）Pay after the notice period (once per person, kind and period)', auth: true, params: IdParam },
  { method: 'get', path: '/api/ledger', tag: 'subsidies', summary: '补贴台账 Ledger rows, a page at a time (integer fen), with makers’ and checkers’ names', auth: true, query: LedgerPageQuery, response: page(ClaimRow) },
  { method: 'get', path: '/api/ledger/totals', tag: 'subsidies', summary: '台账合计 Ledger totals over every row under the filters (integer fen)', auth: true, query: LedgerQuery, response: LedgerTotals },
  { method: 'get', path: '/api/ledger.xlsx', tag: 'subsidies', summary: '导出台账 Ledger as .xlsx (masked IDs): a short-lived download link (GET it, no session needed)', auth: true, query: LedgerQuery, response: FileLink },
  { method: 'get', path: '/api/notices/{file}', tag: 'subsidies', summary: '公示名单 <batchId>.xlsx (masked IDs)', auth: true, params: z.object({ file: z.string() }), response: FileLink },
  { method: 'get', path: '/api/files/{key}', statuses: [403, 410], tag: 'files', summary: '下载文件 A stored file (an export) by its short-lived signed link: 403 if altered, 410 once expired (local file store; in AWS the link is S3’s own)', params: z.object({ key: z.string() }), query: z.object({ expires: z.string(), signature: z.string() }) },
  { method: 'post', path: '/api/files/uploads', status: 204, statuses: [400, 403, 410, 413], tag: 'files', summary: '上传表单的提交（本地文件存储；AWS 中表单直接提交给 S3）An upload form posted with its file (local file store; in AWS the form goes to S3): 403 if altered, 410 once expired, 413 over its limit', formBody: '上传表单的字段，最后是文件 file The form’s fields as given, then the file as `file`' },
  { method: 'get', path: '/api/audit', tag: 'audit', summary: '审计记录 Audit trail of an object, newest first (cursor pages)', auth: true, query: PageQuery.extend({ entity: z.string(), id: z.string() }), response: page(AuditEvent) },
  { method: 'post', path: '/api/imports', status: 202, statuses: [413, 415], tag: 'imports', summary: '上传名册（后台导入；dryRun=true 为试导入）Upload a roster for a background import (dryRun=true: report only); 202 {id}', auth: true, query: ImportUploadQuery, fileBody: '.xlsx 或 .csv（UTF-8 或 GB18030），至多 5 MB（413 以上，415 其他类型）.xlsx or .csv (UTF-8 or GB18030), at most 5 MB', response: z.object({ id: z.string() }) },
  { method: 'post', path: '/api/imports/uploads', status: 201, statuses: [413], tag: 'imports', summary: '上传表单：文件直接传入文件存储（AWS 为 S3 预签名 POST，5 分钟、至多 5 MB）A form to post the file straight into the file store (S3 presigned POST in AWS: five minutes, at most 5 MB); then POST /api/imports/from-upload', auth: true, body: UploadFormRequest, response: UploadForm },
  { method: 'post', path: '/api/imports/from-upload', status: 202, statuses: [413, 415], tag: 'imports', summary: '导入已上传的文件（与直接上传相同的检查与后台任务）Import a file posted with an upload form (the same checks and job as a direct upload); 202 {id}', auth: true, body: ImportFromUpload, response: z.object({ id: z.string() }) },
  { method: 'get', path: '/api/imports', tag: 'imports', summary: '我的导入记录 My imports, newest first', auth: true, query: PageQuery, response: page(ImportRecord) },
  { method: 'get', path: '/api/imports/template.xlsx', tag: 'imports', summary: '导入模板（表头、示例行、可选值）The template (headers, an example row, value lists): a short-lived download link', auth: true, query: ImportTemplateQuery, response: FileLink },
  { method: 'get', path: '/api/imports/review', tag: 'imports', summary: '待核对的导入行（疑似重复、专员改过的字段）Rows held for review (near-duplicates, fields an officer changed)', auth: true, query: ImportReviewQuery, response: page(ImportReview) },
  { method: 'post', path: '/api/imports/review/{township}/{id}', tag: 'imports', summary: '处理待核对行：merge / keepBoth（疑似重复），apply / keep（专员改过）Decide a held row', auth: true, params: ReviewParam, body: ReviewDecision, response: z.object({ seekerId: z.string() }) },
  { method: 'get', path: '/api/imports/{id}', tag: 'imports', summary: '导入进度与报告 Progress, counts and the first errors', auth: true, params: IdParam, response: ImportRecord },
  { method: 'get', path: '/api/imports/{id}/errors.xlsx', tag: 'imports', summary: '错误报告（原行 + 错误原因）The error file (each held row as uploaded, plus its reasons): a short-lived download link', auth: true, params: IdParam, response: FileLink },
  { method: 'post', path: '/api/imports/{id}/commit', status: 202, tag: 'imports', summary: '提交试导入 Commit a finished dry run (a new import of the same file); 202 {id}', auth: true, params: IdParam, response: z.object({ id: z.string() }) },
  { method: 'post', path: '/api/exports', status: 202, tag: 'exports', summary: '导出名单为 Excel（一人一档、务工台账、证书、匹配建议、户清单；筛选同名单页；fullIds=true 写完整身份证号，留痕同查看）Export an officer list as .xlsx in a background job, with the list page’s filters (township scope as the list); fullIds=true writes full ID numbers, audited like a reveal; 202 {id}', auth: true, body: ExportRequest, response: z.object({ id: z.string() }) },
  { method: 'get', path: '/api/exports', tag: 'exports', summary: '我的导出 My exports, newest first (no links: GET one for its link)', auth: true, query: PageQuery, response: page(ExportRecord) },
  { method: 'get', path: '/api/exports/{id}', tag: 'exports', summary: '导出进度；完成后附短期下载链接（仅发起人）Progress; once done a short-lived download link (the officer who asked only)', auth: true, params: IdParam, response: ExportRecord },
  { method: 'post', path: '/api/returnees', status: 201, tag: 'following', summary: '建立返乡回流记录（返乡日期等默认取自档案）Open a returnee record (officer in scope; defaults from the file’s 返乡 section)', auth: true, body: ReturneeInput, response: Returnee },
  { method: 'get', path: '/api/returnees', tag: 'following', summary: '返乡回流台账：按乡镇，可按意向、状态、到期日筛选（最紧急在前）Returnees of a township by intent, status, or due by a day (most urgent first)', auth: true, query: ReturneeQuery, response: page(Returnee) },
  { method: 'get', path: '/api/returnees/{id}', tag: 'following', summary: '返乡回流记录及帮扶计划（到期事项；求职者另附申请与就业记录）A returnee record with its plan’s due items (and, for job seekers, their applications and placements); id = seeker id', auth: true, params: IdParam, response: Returnee.extend({ due: z.array(PlanDueItem), applications: z.array(Application).optional(), placements: z.array(Placement).optional() }) },
  { method: 'patch', path: '/api/returnees/{id}', tag: 'following', summary: '修改返乡回流记录（意向、状态、责任干部、经营主体…，留痕）Change a returnee record (audited)', auth: true, params: IdParam, body: ReturneePatch, response: Returnee },
  { method: 'post', path: '/api/returnees/{id}/services', status: 201, tag: 'following', summary: '登记一次服务（日期、内容、结果；已就业须关联就业记录，贷款受政策上限约束）Log a service (a placement must be the person’s; a loan within the policy’s ceiling)', auth: true, params: IdParam, body: ReturneeServiceInput, response: z.object({ record: Returnee, service: ServiceEntry }) },
  { method: 'get', path: '/api/returnees/{id}/services', tag: 'following', summary: '服务记录（新→旧）The service log, newest first', auth: true, params: IdParam, query: PageQuery, response: page(ServiceEntry) },
  { method: 'post', path: '/api/graduates', status: 201, tag: 'following', summary: '建立毕业生档案（一人一档、一人一策；脱贫/监测户高校毕业生或雨露计划毕业生）Open a graduate record with its default plan', auth: true, body: GraduateInput, response: Graduate },
  { method: 'get', path: '/api/graduates', tag: 'following', summary: '毕业生台账：按乡镇，可按状态、毕业年份、到期日筛选 Graduates of a township by status, year, or due by a day', auth: true, query: GraduateQuery, response: page(Graduate) },
  { method: 'get', path: '/api/graduates/{id}', tag: 'following', summary: '毕业生档案及计划到期事项 A graduate record with its plan’s due items; id = seeker id', auth: true, params: IdParam, response: Graduate.extend({ due: z.array(PlanDueItem) }) },
  { method: 'patch', path: '/api/graduates/{id}', tag: 'following', summary: '修改状态、意向或计划（计划须含 3–5 次岗位推荐和 1 次就业指导；留痕）Change status, intent or plan (audited)', auth: true, params: IdParam, body: GraduatePatch, response: Graduate },
  { method: 'post', path: '/api/graduates/{id}/services', status: 201, tag: 'following', summary: '登记一次服务 Log a service', auth: true, params: IdParam, body: GraduateServiceInput, response: z.object({ record: Graduate, service: ServiceEntry }) },
  { method: 'get', path: '/api/graduates/{id}/services', tag: 'following', summary: '服务记录（新→旧）The service log, newest first', auth: true, params: IdParam, query: PageQuery, response: page(ServiceEntry) },
  { method: 'post', path: '/api/match-runs', status: 202, tag: 'matching', summary: '发起批量匹配（后台任务）Start a batch match (a background job)', auth: true, body: MatchRunInput, response: MatchRun },
  { method: 'get', path: '/api/match-runs', tag: 'matching', summary: '匹配任务列表 Match runs of a scope', auth: true, query: PageQuery.extend({ township: TownshipCode.optional() }), response: page(MatchRun) },
  { method: 'get', path: '/api/match-runs/{id}', tag: 'matching', summary: '任务进度与汇总 Progress and totals', auth: true, params: IdParam, response: MatchRun },
  { method: 'get', path: '/api/match-runs/{id}/proposals', tag: 'matching', summary: '匹配结果（含理由）Proposals with reasons', auth: true, params: IdParam, query: ProposalQuery, response: page(Proposal) },
  { method: 'patch', path: '/api/match-runs/{id}/proposals/{seekerId}', tag: 'matching', summary: '调整某人的推荐岗位 Change or clear a proposal (eligibility enforced)', auth: true, params: z.object({ id: z.string(), seekerId: z.string() }), body: ProposalEdit, response: Proposal },
  { method: 'post', path: '/api/match-runs/{id}/publish', status: 202, tag: 'matching', summary: '发布为申请邀请（不直接录用）Publish as invitations to apply (never hires)', auth: true, params: IdParam, response: MatchRun },
  { method: 'get', path: '/api/me/recommendations', tag: 'matching', summary: '推荐岗位 Posts I am eligible for, best first, with reasons', auth: true, query: PageQuery, response: page(Recommendation.extend({ post: Post })) },
  { method: 'get', path: '/api/posts/{id}/candidates', tag: 'matching', summary: '岗位的合适人选（脱敏，前 20 名）The 20 best eligible candidates for a post (masked)', auth: true, params: IdParam, query: PageQuery, response: page(Recommendation) },
]

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' })

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of ROUTES) {
    const parameters = [
      ...Object.entries(r.params?.shape ?? {}).map(([name, s]) => ({ name, in: 'path', required: true, schema: schema(s as z.ZodType, 'input') })),
      ...Object.entries(r.query?.shape ?? {}).map(([name, s]) => ({ name, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: schema(s as z.ZodType, 'input') })),
    ]
    ;(paths[r.path] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.auth ? { security: [{ bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } } } : {}),
      ...(r.fileBody ? { requestBody: { required: true, description: r.fileBody, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } } : {}),
      ...(r.formBody
        ? { requestBody: { required: true, description: r.formBody, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } }, additionalProperties: { type: 'string' } } } } } }
        : {}),
      responses: Object.fromEntries(
        documentedStatuses(r).map((status) => [
          String(status),
          status < 300
            ? { description: STATUS_TEXT[status] ?? 'OK', ...(r.response ? { content: { 'application/json': { schema: schema(r.response, 'output') } } } : {}) }
            : { description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: schema(ErrorBody, 'output') } } },
        ]),
      ),
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: '稳岗通 Wengang API', version: '0.1.0', description: '就业帮扶：岗位匹配、证书与补贴 — employment assistance: matching, certificates, subsidies' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  }
}

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!)

const API_REFERENCE_STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:auto;padding:16px}details{border:1px solid #ddd;border-radius:6px;margin:6px 0;padding:6px 10px}summary{cursor:pointer}pre{overflow:auto;background:#f6f8fa;padding:8px;font-size:12px}.m{display:inline-block;min-width:52px}.get{color:#0a7}.post{color:#06c}.put,.patch{color:#c70}.delete{color:#c00}'

/** The page has no script and one inline style, allowed by its hash: the strict CSP with nothing else let in. */
export const API_REFERENCE_CSP = contentSecurityPolicy({ ...CSP_DIRECTIVES, defaultSrc: ["'none'"], scriptSrc: ["'none'"], styleSrc: [cspHash(API_REFERENCE_STYLE)], connectSrc: ["'none'"], formAction: ["'none'"] })

/** A self-contained reference page (no CDN: the portal may run where nothing outside is reachable). */
export function apiReferenceHtml(): string {
  const doc = openApiDocument()
  const rows = ROUTES.map((r) => {
    const op = (doc.paths as Record<string, Record<string, Record<string, unknown>>>)[r.path]![r.method]!
    const detail = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2)
    return `<details><summary><b class="m ${r.method}">${r.method.toUpperCase()}</b> <code>${esc(r.path)}</code> ${esc(r.summary)}${r.auth ? ' 🔒' : ''}</summary><pre>${esc(detail)}</pre></details>`
  }).join('\n')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>稳岗通 API</title>
<style>${API_REFERENCE_STYLE}</style></head>
<body><h1>稳岗通 Wengang API</h1><p>错误统一为 <code>{code, message, messageEn, requestId, issues?}</code>；🔒 需要 <code>Authorization: Bearer &lt;token&gt;</code>。机器可读文档 / machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>${rows}</body></html>`
}
