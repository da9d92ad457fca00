/**
 * Every key of the single table is built here and nowhere else. docs/data-model.md lists the
 * access pattern each one serves.
 */
import type { PostKind, PostStatus } from '../../shared/schemas/posts.js'

export const userKey = (id: string) => ({ PK: `USER#${id}`, SK: 'USER' })
/** Uniqueness item: one account per phone; the phone itself appears only as a keyed hash. */
export const phoneKey = (phoneHash: string) => ({ PK: `PHONE#${phoneHash}`, SK: 'PHONE' })
export const usersByRole = (role: string) => `USERS#${role}`
export const userIndexKeys = (u: { id: string; role: string; createdAt: string }) => ({ GSI1PK: usersByRole(u.role), GSI1SK: `${u.createdAt}#${u.id}` })
/** How many admin accounts are active: the database refuses to let it fall below 1. */
export const activeAdminsKey = () => ({ PK: 'USERS#admin#ACTIVE', SK: 'COUNT' })

/** A staff account's password hash and its failed attempts, beside the user item (never read by lists). */
export const passwordKey = (userId: string) => ({ PK: `USER#${userId}`, SK: 'PASSWORD' })

export const sessionKey = (id: string) => ({ PK: `SESSION#${id}`, SK: 'SESSION' })
export const sessionsOfUser = (userId: string) => `USER#${userId}#SESSIONS`
export const sessionIndexKeys = (s: { userId: string; createdAt: string }) => ({ GSI1PK: sessionsOfUser(s.userId), GSI1SK: s.createdAt })

export const otpKey = (phoneHash: string) => ({ PK: `OTP#${phoneHash}`, SK: 'OTP' })
/** A fixed-window counter (sign-in codes per client, per hour overall): one item per limit, subject and window. */
export const rateCounterKey = (limit: string, subject: string, windowStart: number) => ({ PK: `RATE#${limit}#${subject}`, SK: `W#${windowStart}` })

export const GEO_PK = 'GEO'
export const townshipKey = (code: string) => ({ PK: GEO_PK, SK: `TWP#${code}` })
export const villageKey = (township: string, code: string) => ({ PK: GEO_PK, SK: `VIL#${township}#${code}` })
export const villagesOfPrefix = (township: string) => `VIL#${township}#`

export const workshopKey = (id: string) => ({ PK: `WORKSHOP#${id}`, SK: 'WORKSHOP' })
export const workshopsOfOwner = (ownerId: string) => `OWNER#${ownerId}#WORKSHOPS`
export const workshopsOfTownship = (township: string) => `TWP#${township}#WORKSHOPS`
/** An owner's workshops (newest first) and a township's, by status. */
export const workshopIndexKeys = (w: { id: string; ownerId: string; township: string; status: string; createdAt: string }) => ({
  GSI1PK: workshopsOfOwner(w.ownerId),
  GSI1SK: `${w.createdAt}#${w.id}`,
  GSI2PK: workshopsOfTownship(w.township),
  GSI2SK: `${w.status}#${w.createdAt}#${w.id}`,
})

export const postKey = (id: string) => ({ PK: `POST#${id}`, SK: 'POST' })

/**
 * 联系方式 a workshop's contact phone and a post's contact person: items of their own beside the
 * workshop and the post, so that no list (which reads those items) ever carries a sealed phone.
 */
export const workshopContactKey = (workshopId: string) => ({ PK: `WORKSHOP#${workshopId}`, SK: 'CONTACT' })
export const postContactKey = (postId: string) => ({ PK: `POST#${postId}`, SK: 'CONTACT' })

/**
 * A post appears in four status listings (all, by township, by kind, by both) so that every
 * browse filter is served by one Query on its own index, newest first.
 */
export function postIndexKeys(p: { id: string; status: PostStatus; township: string; kind: PostKind; workshopId?: string; createdBy: string; createdAt: string; publishedAt?: string }) {
  const sort = `${p.publishedAt ?? p.createdAt}#${p.id}`
  return {
    GSI1PK: `POSTS#${p.status}`,
    GSI1SK: sort,
    GSI2PK: `POSTS#${p.status}#TWP#${p.township}`,
    GSI2SK: sort,
    GSI3PK: `POSTS#${p.status}#KIND#${p.kind}`,
    GSI3SK: sort,
    GSI4PK: `POSTS#${p.status}#TWP#${p.township}#KIND#${p.kind}`,
    GSI4SK: sort,
    // Owner/officer view of their own posts, every status.
    GSI5PK: p.workshopId ? `WORKSHOP#${p.workshopId}#POSTS` : `CREATOR#${p.createdBy}#POSTS`,
    GSI5SK: `${p.createdAt}#${p.id}`,
  }
}

export function postListing(status: PostStatus, f: { township?: string; kind?: PostKind }) {
  if (f.township && f.kind) return { index: 'GSI4', pk: `POSTS#${status}#TWP#${f.township}#KIND#${f.kind}` } as const
  if (f.township) return { index: 'GSI2', pk: `POSTS#${status}#TWP#${f.township}` } as const
  if (f.kind) return { index: 'GSI3', pk: `POSTS#${status}#KIND#${f.kind}` } as const
  return { index: 'GSI1', pk: `POSTS#${status}` } as const
}
export const postsOfWorkshop = (workshopId: string) => `WORKSHOP#${workshopId}#POSTS`
export const postsOfCreator = (userId: string) => `CREATOR#${userId}#POSTS`

/** Attributes that are keys, stripped before an item becomes an entity. */
export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK', 'GSI5PK', 'GSI5SK', 'ttl', 'entity'] as const

export function stripKeys<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item }
  for (const k of KEY_ATTRIBUTES) delete out[k]
  return out as T
}

/** A key that never holds an item: reading it proves the table answers. */
export const healthKey = () => ({ PK: 'HEALTH', SK: 'HEALTH' })

export const seekerKey = (id: string) => ({ PK: `SEEKER#${id}`, SK: 'SEEKER' })
/** Uniqueness item: one seeker file per ID number (by keyed hash). */
export const idNumberKey = (idHash: string) => ({ PK: `IDNO#${idHash}`, SK: 'IDNO' })
export const seekersOfTownship = (township: string) => `TWP#${township}#SEEKERS`
export const seekersByIdLast4 = (last4: string) => `IDLAST4#${last4}`

/** Written last by the seed; its presence means the demo district is complete. */
export const seedMarkerKey = (version: string) => ({ PK: 'SEED', SK: `SEED#${version}` })

/** Uniqueness item: one seeker file per account. */
export const userSeekerKey = (userId: string) => ({ PK: `USER#${userId}`, SK: 'SEEKERFILE' })
export const seekersByName = (name: string) => `SEEKERNAME#${name}`
/** A file's index keys: its township's list (by village, name), last four of the ID number, full name, and (GSI4) whether it waits for work. */
export const seekerIndexKeys = (s: IdleFacts & { village: string; name: string }, idLast4: string) => ({
  GSI1PK: seekersOfTownship(s.township),
  GSI1SK: `${s.village}#${s.name}#${s.id}`,
  GSI2PK: seekersByIdLast4(idLast4),
  GSI2SK: `${s.township}#${s.id}`,
  GSI3PK: seekersByName(s.name),
  GSI3SK: `${s.township}#${s.id}`,
  ...seekerIdleKeys(s),
  // A household's members (户成员), by the file's 户编号 (the link to HOUSEHOLD#<id>).
  ...(s.householdId ? { GSI5PK: householdMembers(s.householdId), GSI5SK: `${s.township}#${s.id}` } : {}),
})
/**
 * The search items people search used until the people index (one per token of a person,
 * `PSEARCH#<township>#<N|L|D>#<token>` / `<rank>#<pinyin>#<seekerId>`): nothing writes them now;
 * functions/jobs/people-index-backfill.ts derives their keys to delete them from an older table.
 */
const PSEARCH_KIND = { name: 'N', latin: 'L', digits: 'D' } as const
export const peopleSearchKey = (t: { township: string; kind: keyof typeof PSEARCH_KIND; token: string; rank: number; sort: string; seekerId: string }) => ({
  PK: `PSEARCH#${t.township}#${PSEARCH_KIND[t.kind]}#${t.token}`,
  SK: `${t.rank}#${t.sort}#${t.seekerId}`,
})
/** The seeker index was built from the files (functions/jobs/seeker-index-backfill.ts). */
export const seekerIndexBackfillKey = (version: string) => ({ PK: 'MIGRATION', SK: `SEEKERINDEX#${version}` })
/** Every household's member counts were built from the files (functions/jobs/household-members-backfill.ts). */
export const householdMembersBackfillKey = (version: string) => ({ PK: 'MIGRATION', SK: `HOUSEHOLDMEMBERS#${version}` })

interface IdleFacts { id: string; township: string; intents: readonly string[]; createdAt: string; lastActivityAt?: string | undefined; holdsJob?: boolean | undefined; householdId?: string | undefined }
/**
 * 想就业 people who want work (intent `employment`) and hold no job now, by their last activity (the
 * file, an application, a placement's start or end): a township's idle people are one range of GSI4.
 * Sparse: a person at work, or not looking for work, carries no GSI4 keys.
 */
export const seekersWantingWork = (township: string) => `TWP#${township}#WANTWORK`
export const seekerActivitySort = (s: { id: string; lastActivityAt: string }) => `${s.lastActivityAt}#${s.id}`
export const seekerIdleKeys = (s: IdleFacts): { GSI4PK?: string; GSI4SK?: string } =>
  s.intents.includes('employment') && !s.holdsJob ? { GSI4PK: seekersWantingWork(s.township), GSI4SK: seekerActivitySort({ id: s.id, lastActivityAt: s.lastActivityAt ?? s.createdAt }) } : {}
/** A seeker's change of household facts waiting for an officer of the township (one per file). */
export const pendingChangeKey = (township: string, seekerId: string) => ({ PK: `TWP#${township}#PENDING`, SK: `SEEKER#${seekerId}` })
export const pendingChangesOf = (township: string) => `TWP#${township}#PENDING`
/** An attempt to file an ID number that another file already holds, for the township's officers. */
export const idCollisionKey = (township: string, at: string, id: string) => ({ PK: `TWP#${township}#IDCOLLISIONS`, SK: `${at}#${id}` })
export const idCollisionsOf = (township: string) => `TWP#${township}#IDCOLLISIONS`

export const difficultyKey = (id: string) => ({ PK: `DIFF#${id}`, SK: 'DIFF' })
export const difficultiesOfTownship = (township: string) => `TWP#${township}#DIFFS`
export const difficultiesOfWorkshop = (workshopId: string) => `WORKSHOP#${workshopId}#DIFFS`
/** A township's reports by status, and a workshop's. */
export const difficultyIndexKeys = (d: { id: string; township: string; workshopId: string; status: string; createdAt: string }) => ({
  GSI1PK: difficultiesOfTownship(d.township),
  GSI1SK: `${d.status}#${d.createdAt}#${d.id}`,
  GSI2PK: difficultiesOfWorkshop(d.workshopId),
  GSI2SK: `${d.createdAt}#${d.id}`,
})

/** Applications live in their post's partition: a post's applicants are one Query. */
export const applicationKey = (postId: string, seekerId: string) => ({ PK: `POST#${postId}`, SK: `APP#${seekerId}` })
export const APPLICATION_PREFIX = 'APP#'
export const applicationsOfSeeker = (seekerId: string) => `SEEKER#${seekerId}#APPS`
export const applicationIndexKeys = (a: { seekerId: string; postId: string; createdAt: string }) => ({ GSI1PK: applicationsOfSeeker(a.seekerId), GSI1SK: `${a.createdAt}#${a.postId}` })

export const placementKey = (id: string) => ({ PK: `PLACEMENT#${id}`, SK: 'PLACEMENT' })
export const placementsOfSeeker = (seekerId: string) => `SEEKER#${seekerId}#PLACEMENTS`
export const placementsOfTownship = (township: string) => `TWP#${township}#PLACEMENTS`
export const placementsOfPost = (postId: string) => `POST#${postId}#PLACEMENTS`
/** Listed under the seeker, under the seeker's township (officers' scope), and under the post. */
export const placementIndexKeys = (p: { id: string; seekerId: string; seekerTownship: string; status: string; startDate: string; postId?: string }) => ({
  GSI1PK: placementsOfSeeker(p.seekerId),
  GSI1SK: `${p.startDate}#${p.id}`,
  GSI2PK: placementsOfTownship(p.seekerTownship),
  GSI2SK: `${p.status}#${p.startDate}#${p.id}`,
  ...(p.postId ? { GSI3PK: placementsOfPost(p.postId), GSI3SK: `${p.status}#${p.startDate}#${p.id}` } : {}),
})

/**
 * Uniqueness item: a person's one active placement of a kind of work (shared/placement-rules.ts
 * jobSlotOf): created with the placement, deleted when it ends; it names the placement.
 */
export const ACTIVEJOB_PREFIX = 'ACTIVEJOB#'
export const activeJobKey = (seekerId: string, slot: 'fullTime' | 'publicWelfare') => ({ PK: `SEEKER#${seekerId}`, SK: `${ACTIVEJOB_PREFIX}${slot}` })

export const inboxKey = (seekerId: string, messageId: string) => ({ PK: `INBOX#${seekerId}`, SK: `MSG#${messageId}` })
export const inboxOf = (seekerId: string) => `INBOX#${seekerId}`

/** Append-only audit trail of one object, and of one actor. */
export const auditKey = (entity: string, entityId: string, at: string, eventId: string) => ({ PK: `AUDIT#${entity}#${entityId}`, SK: `${at}#${eventId}` })
export const auditByActor = (userId: string) => `AUDITBY#${userId}`
export const auditIndexKeys = (e: { actorId: string; at: string; id: string }) => ({ GSI1PK: auditByActor(e.actorId), GSI1SK: `${e.at}#${e.id}` })
export const auditOf = (entity: string, entityId: string) => `AUDIT#${entity}#${entityId}`

export const certificateKey = (id: string) => ({ PK: `CERT#${id}`, SK: 'CERT' })
export const certificatesOfSeeker = (seekerId: string) => `SEEKER#${seekerId}#CERTS`
export const certificatesOfTownship = (township: string) => `TWP#${township}#CERTS`
/** A certificate's index keys: its township's list by state (pending until verified), the person's by issue date. */
export const certificateIndexKeys = (c: { id: string; seekerId: string; township: string; issueDate: string; createdAt: string; verifiedAt?: string }) => ({
  GSI1PK: certificatesOfTownship(c.township),
  GSI1SK: `${c.verifiedAt ? 'verified' : 'pending'}#${c.createdAt}#${c.id}`,
  GSI2PK: certificatesOfSeeker(c.seekerId),
  GSI2SK: `${c.issueDate}#${c.id}`,
})
/** A township's certificates, all or those in one state. */
export const certificateListing = (township: string, state?: 'pending' | 'verified') => ({ index: 'GSI1', pk: certificatesOfTownship(township), ...(state ? { skPrefix: `${state}#` } : {}) }) as const
/** Uniqueness item: one record per certificate number. */
export const certificateNumberKey = (kind: string, number: string) => ({ PK: `CERTNO#${kind}#${number}`, SK: 'CERTNO' })
/** Present once a person's first certificate of the year has been counted toward the target. */
export const certYearKey = (seekerId: string, year: number) => ({ PK: `SEEKER#${seekerId}`, SK: `CERTYEAR#${year}` })
/** Present once a person has been counted as employed (务工就业) for the year. */
export const employedYearKey = (seekerId: string, year: number) => ({ PK: `SEEKER#${seekerId}`, SK: `EMPLOYED#${year}` })
/**
 * 看板 the board's counters of a year all live in one partition, so the board reads a year in one
 * Query: target progress as one item per metric and township (`T#metric#township`), outcomes as one
 * per township and household category (`O#township#category`). Each stays its own item, so two
 * placements in different townships never touch the same one; a district writes a few thousand a
 * year, far below a partition's 1,000 writes a second.
 */
export const boardYear = (year: number) => `BOARD#${year}`
export const targetCounterKey = (year: number, metric: string, township: string) => ({ PK: boardYear(year), SK: `T#${metric}#${township}` })
/** One metric's counters (a Query of the year's partition by this prefix), or every target's with `T#`. */
export const targetCounterPrefix = (metric?: string) => (metric ? `T#${metric}#` : 'T#')
/** Before the board's partition (data directories made before it): moved once by functions/jobs/migrate-board.ts. */
export const legacyTargetCounters = (year: number, metric: string) => `TARGET#${year}#${metric}`
export const legacyOutcomeCounters = (year: number) => `OUTCOME#${year}`
/**
 * A person counted toward a board metric for a year (the targets board, functions/db/board.ts):
 * certified and employed keep their first keys; public-welfare 公益性岗位, workshop 帮扶车间 and
 * placed (any placement of the year) have their own. The marker lists the person for the drill-down.
 */
export const targetMarkerKey = (metric: string, seekerId: string, year: number) =>
  metric === 'certified' ? certYearKey(seekerId, year) : metric === 'employed' ? employedYearKey(seekerId, year) : { PK: `SEEKER#${seekerId}`, SK: `COUNTED#${metric}#${year}` }
export const targetPeople = (year: number, metric: string, township: string) => `TARGETPEOPLE#${year}#${metric}#${township}`
export const targetMarkerIndexKeys = (m: { metric: string; year: number; township: string; month: string; seekerId: string }) => ({
  GSI1PK: targetPeople(m.year, m.metric, m.township),
  GSI1SK: `${m.month}#${m.seekerId}`,
})
/** Present once a person's first placement ever has been counted (days from registration). */
export const firstPlacedKey = (seekerId: string) => ({ PK: `SEEKER#${seekerId}`, SK: 'FIRSTPLACED' })
/** Outcome counters of a year, one item per township and household category, in the year's board partition. */
export const OUTCOME_PREFIX = 'O#'
export const outcomeCounterKey = (year: number, township: string, category: string) => ({ PK: boardYear(year), SK: `${OUTCOME_PREFIX}${township}#${category}` })
/** People who want work now (a seeker file whose intents include employment), per township and category. */
export const WANTING_PK = 'WANTWORK'
export const wantingCounterKey = (township: string, category: string) => ({ PK: WANTING_PK, SK: `TWP#${township}#${category}` })

export const trainingKey = (id: string) => ({ PK: `TRAIN#${id}`, SK: 'TRAIN' })
export const trainingsOfSeeker = (seekerId: string) => `SEEKER#${seekerId}#TRAININGS`
export const trainingsOfTownship = (township: string) => `TWP#${township}#TRAININGS`
/** A person's trainings, and their township's (the officers' training ledger), newest start first. */
export const trainingIndexKeys = (t: { id: string; seekerId: string; township: string; startDate: string }) => ({
  GSI1PK: trainingsOfSeeker(t.seekerId),
  GSI1SK: `${t.startDate}#${t.id}`,
  GSI2PK: trainingsOfTownship(t.township),
  GSI2SK: `${t.startDate}#${t.id}`,
})
export const yuluKey = (seekerId: string, term: string) => ({ PK: `SEEKER#${seekerId}`, SK: `YULU#${term}` })
export const yuluOfTerm = (term: string, township: string) => `YULU#${term}#TWP#${township}`
export const YULU_PREFIX = 'YULU#'
/** A term's list for a township, by status: re-derived whenever the status changes. */
export const yuluIndexKeys = (y: { seekerId: string; term: string; township: string; status: string }) => ({ GSI1PK: yuluOfTerm(y.term, y.township), GSI1SK: `${y.status}#${y.seekerId}` })

export const policyPartition = (district: string, year: number) => `POLICY#${district}#${year}`
export const policyKey = (district: string, year: number, version: number) => ({ PK: policyPartition(district, year), SK: `V#${String(version).padStart(4, '0')}` })

export const claimKey = (id: string) => ({ PK: `CLAIM#${id}`, SK: 'CLAIM' })
export const claimsOfYear = (year: number) => `CLAIMS#${year}`
export const claimsOfSubject = (subjectId: string) => `SUBJECT#${subjectId}#CLAIMS`
/** Uniqueness items: one claim, and one payment, per subject, kind and period. */
export const claimUniqueKey = (subjectId: string, kind: string, period: string) => ({ PK: `CLAIMKEY#${subjectId}#${kind}#${period}`, SK: 'CLAIMKEY' })
export const paymentKey = (subjectId: string, kind: string, period: string) => ({ PK: `PAYMENT#${subjectId}#${kind}#${period}`, SK: 'PAYMENT' })
export const batchKey = (id: string) => ({ PK: `BATCH#${id}`, SK: 'BATCH' })
export const batchesOfYear = (year: number) => `BATCHES#${year}`
/** A claim in its year's ledger (by kind, township, status) and among its subject's claims. */
export const claimIndexKeys = (c: { id: string; year: number; kind: string; township: string; status: string; subjectId: string; period: string; makerId: string }) => ({
  GSI1PK: claimsOfYear(c.year),
  GSI1SK: `${c.kind}#${c.township}#${c.status}#${c.id}`,
  GSI2PK: claimsOfSubject(c.subjectId),
  GSI2SK: `${c.kind}#${c.period}#${c.id}`,
  // 待复核 counted without reading the ledger: a year's claims in one status (by township, then
  // maker) and one maker's (by township); "waiting for me" is the first count minus the second.
  GSI3PK: claimsOfYearInStatus(c.year, c.status),
  GSI3SK: `${c.township}#${c.makerId}#${c.id}`,
  GSI4PK: claimsOfMakerInStatus(c.year, c.status, c.makerId),
  GSI4SK: `${c.township}#${c.id}`,
})
export const claimsOfYearInStatus = (year: number, status: string) => `CLAIMS#${year}#${status}`
export const claimsOfMakerInStatus = (year: number, status: string, makerId: string) => `CLAIMS#${year}#${status}#MAKER#${makerId}`
/** A year's batches newest first (GSI1), and every batch by status and the end of its notice (GSI2: 公示 ending soon, ready to pay). */
export const batchIndexKeys = (b: { id: string; year: number; createdAt: string; status: string; noticeUntil: string }) => ({
  GSI1PK: batchesOfYear(b.year),
  GSI1SK: `${b.createdAt}#${b.id}`,
  GSI2PK: batchesInStatus(b.status),
  GSI2SK: `${b.noticeUntil}#${b.id}`,
})
export const batchesInStatus = (status: string) => `BATCHES#${status}`

/** The first answer to a request that carried an Idempotency-Key. */
export const idempotencyKey = (userId: string, key: string) => ({ PK: `IDEMP#${userId}#${key}`, SK: 'IDEMP' })
export const seekerPartition = (seekerId: string) => `SEEKER#${seekerId}`

export const matchRunKey = (id: string) => ({ PK: `MATCHRUN#${id}`, SK: 'RUN' })
export const matchRunsOfScope = (scope: string) => `MATCHRUNS#${scope}`
export const matchRunIndexKeys = (r: { id: string; scope: string; createdAt: string }) => ({ GSI1PK: matchRunsOfScope(r.scope), GSI1SK: `${r.createdAt}#${r.id}` })
export const PROPOSAL_PREFIX = 'PROP#'
export const proposalKey = (runId: string, seekerId: string) => ({ PK: `MATCHRUN#${runId}`, SK: `PROP#${seekerId}` })
export const matchRunPartition = (runId: string) => `MATCHRUN#${runId}`
/** How many of a run's proposals name a post: edits may not propose more people than it has room for. */
export const proposalSlotKey = (runId: string, postId: string) => ({ PK: `MATCHRUN#${runId}`, SK: `SLOT#${postId}` })

/**
 * 待更正记录 records that break a rule, as the last check found them: one item per record and
 * rule under the township (a person's problems sort together), and one summary of the check.
 */
export const recordProblemsOf = (township: string) => `TWP#${township}#RECORDPROBLEMS`
export const recordProblemKey = (township: string, seekerId: string, entity: string, id: string, rule: string) => ({ PK: recordProblemsOf(township), SK: `${seekerId}#${entity}#${id}#${rule}` })
export const recordCheckKey = (township: string) => ({ PK: `TWP#${township}#RECORDCHECK`, SK: 'RECORDCHECK' })

/** How many of a seeker's inbox messages are unread: beside the messages (not under `MSG#`), changed in their transactions. */
export const inboxUnreadKey = (seekerId: string) => ({ PK: `INBOX#${seekerId}`, SK: 'UNREAD' })
/** A user's own choices (how notices reach them), apart from the account item that user management rewrites. */
export const preferencesKey = (userId: string) => ({ PK: `USER#${userId}`, SK: 'PREFS' })

/** A text message in the outbox (no phone in any key): listed by status, the pending ones by when they are next due. */
export const smsOutboxKey = (id: string) => ({ PK: `SMSOUT#${id}`, SK: 'SMSOUT' })
export const smsOutboxByStatus = (status: string) => `SMSOUT#${status}`
export const smsOutboxIndexKeys = (m: { id: string; status: string; nextAttemptAt: string }) => ({ GSI1PK: smsOutboxByStatus(m.status), GSI1SK: `${m.nextAttemptAt}#${m.id}` })

/**
 * 一人一档 a person's timeline. An audit event that belongs on a person's timeline carries a
 * `history` note and these index keys (GSI2: all of the person's entries; GSI3: one type of them),
 * newest first, so the timeline is one Query on the events each change already writes in its own
 * transaction. Entries rebuilt for records older than the timeline are items of their own beside
 * the person's file, keyed by object and action, with the same index keys (docs/data-model.md).
 */
export const historyOf = (seekerId: string) => `HISTORY#${seekerId}`
export const historyOfType = (seekerId: string, type: string) => `HISTORY#${seekerId}#${type}`
export const historyIndexKeys = (h: { seekerId: string; type: string; at: string; id: string }) => ({
  GSI2PK: historyOf(h.seekerId),
  GSI2SK: `${h.at}#${h.id}`,
  GSI3PK: historyOfType(h.seekerId, h.type),
  GSI3SK: `${h.at}#${h.id}`,
})
export const backfilledHistoryKey = (seekerId: string, objectType: string, objectId: string, action: string) => ({ PK: `SEEKER#${seekerId}`, SK: `HISTORY#${objectType}#${objectId}#${action}` })

/**
 * 岗位索引 the index of open posts (docs/data-model.md, "The index of open posts"): each open post's
 * row lives in one of POST_INDEX_SHARDS chunk items, chosen by a hash of its id, so that post
 * writes spread over many items; each chunk has a tiny head item with its version, all heads in
 * one partition, so that one small Query tells a container which chunks changed.
 */
export const POST_INDEX_SHARDS = 128
export const POST_INDEX_HEADS = 'POSTINDEX'
const shardLabel = (shard: number) => String(shard).padStart(3, '0')
export const postIndexHeadKey = (shard: number) => ({ PK: POST_INDEX_HEADS, SK: `HEAD#${shardLabel(shard)}` })
export const postIndexChunkKey = (shard: number) => ({ PK: `POSTINDEX#${shardLabel(shard)}`, SK: 'CHUNK' })
/** The shard a head's sort key names. */
export const shardOfHead = (sk: string) => Number(sk.slice('HEAD#'.length))
/** FNV-1a of the post id: stable, spread evenly over ULIDs. */
export function postIndexShard(postId: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < postId.length; i++) h = Math.imul(h ^ postId.charCodeAt(i), 0x01000193)
  return (h >>> 0) % POST_INDEX_SHARDS
}
/** A post's row is an attribute of its chunk (top level, so writing it never needs the chunk to exist). */
export const POST_INDEX_ROW_PREFIX = 'r_'
export const postIndexRowAttribute = (postId: string) => `${POST_INDEX_ROW_PREFIX}${postId}`

/**
 * 返乡回流 returnees and 毕业生 graduates (issue 13): one record per person in the person's
 * partition, and its service log beside it (newest day first). A township's records are listed by
 * status, then the day the next service is due (most urgent first): all of them (GSI1), by intent or
 * graduation year (GSI2), and, sparse, only those with something due (GSI3, by that day).
 */
export type FollowedSubject = 'returnee' | 'graduate'
const FOLLOWED_SK = { returnee: 'RETURNEE', graduate: 'GRADUATE' } as const
const FOLLOWED_TWP = { returnee: 'RETURNEES', graduate: 'GRADUATES' } as const
/** Sorts after every real day: records that owe nothing come last in their status. */
export const NOTHING_DUE = '9999-12-31'
export const followedKey = (subject: FollowedSubject, seekerId: string) => ({ PK: `SEEKER#${seekerId}`, SK: FOLLOWED_SK[subject] })
export const followedOfTownship = (subject: FollowedSubject, township: string) => `TWP#${township}#${FOLLOWED_TWP[subject]}`
/** `group`: a returnee's intent, a graduate's graduation year. */
export const followedOfGroup = (subject: FollowedSubject, township: string, group: string) => `TWP#${township}#${FOLLOWED_TWP[subject]}#G#${group}`
export const followedDue = (subject: FollowedSubject, township: string) => `TWP#${township}#${FOLLOWED_TWP[subject]}#DUE`
export function followedIndexKeys(subject: FollowedSubject, r: { seekerId: string; township: string; status: string; group: string; nextDueOn?: string | undefined }) {
  const sort = `${r.status}#${r.nextDueOn ?? NOTHING_DUE}#${r.seekerId}`
  return {
    GSI1PK: followedOfTownship(subject, r.township),
    GSI1SK: sort,
    GSI2PK: followedOfGroup(subject, r.township, r.group),
    GSI2SK: sort,
    ...(r.nextDueOn ? { GSI3PK: followedDue(subject, r.township), GSI3SK: `${r.nextDueOn}#${r.seekerId}` } : {}),
  }
}
/** Which index serves a list: due by a day (GSI3), by group (GSI2), or the township's (GSI1); a status narrows by prefix where it leads the sort key. */
export function followedListing(subject: FollowedSubject, township: string, f: { group?: string | undefined; status?: string | undefined; dueBy?: string | undefined }) {
  if (f.dueBy) return { index: 'GSI3', pk: followedDue(subject, township), skBetween: { from: '0', to: `${f.dueBy}#~` } } as const
  const pk = f.group ? { index: 'GSI2', pk: followedOfGroup(subject, township, f.group) } as const : { index: 'GSI1', pk: followedOfTownship(subject, township) } as const
  return { ...pk, ...(f.status ? { skPrefix: `${f.status}#` } : {}) }
}
export const SERVICE_PREFIX = (subject: FollowedSubject) => `SVC#${subject}#`
export const serviceKey = (subject: FollowedSubject, seekerId: string, on: string, id: string) => ({ PK: `SEEKER#${seekerId}`, SK: `${SERVICE_PREFIX(subject)}${on}#${id}` })

/**
 * 户 households (issue 13): listed by township (GSI1, by village) and by helper 帮扶责任人 (GSI2);
 * members are the seeker files whose `householdId` names the household (GSI5 of the seeker).
 */
export const householdKey = (id: string) => ({ PK: `HOUSEHOLD#${id}`, SK: 'HOUSEHOLD' })
export const householdsOfTownship = (township: string) => `TWP#${township}#HOUSEHOLDS`
export const householdsOfHelper = (helperId: string) => `HELPER#${helperId}#HOUSEHOLDS`
export const householdMembers = (householdId: string) => `HOUSEHOLD#${householdId}#MEMBERS`
/** 户成员 counts of a household in one township (functions/db/household-members.ts): beside the household, whether it is registered or not. */
export const householdMemberCountKey = (householdId: string, township: string) => ({ PK: `HOUSEHOLD#${householdId}`, SK: `MEMBERS#${township}` })
export const householdIndexKeys = (h: { id: string; township: string; village: string; helperId?: string | undefined }) => ({
  GSI1PK: householdsOfTownship(h.township),
  GSI1SK: `${h.village}#${h.id}`,
  ...(h.helperId ? { GSI2PK: householdsOfHelper(h.helperId), GSI2SK: `${h.township}#${h.id}` } : {}),
})
/** A helper's name and sealed phone (a named official's; an officer's phone is on the account), for the digest's text. */
export const helperContactKey = (helperId: string) => ({ PK: `HELPER#${helperId}`, SK: 'CONTACT' })

/** 防止返贫监测 monitoring cases: a township's by status and signal day (GSI1), a household's (GSI2). */
export const caseKey = (id: string) => ({ PK: `CASE#${id}`, SK: 'CASE' })
export const casesOfTownship = (township: string) => `TWP#${township}#CASES`
export const casesOfHousehold = (householdId: string) => `HOUSEHOLD#${householdId}#CASES`
export const caseIndexKeys = (c: { id: string; township: string; householdId: string; status: string; signalOn: string }) => ({
  GSI1PK: casesOfTownship(c.township),
  GSI1SK: `${c.status}#${c.signalOn}#${c.id}`,
  GSI2PK: casesOfHousehold(c.householdId),
  GSI2SK: `${c.signalOn}#${c.id}`,
})
/** Uniqueness item: one case at a time per household (deleted when it closes); it names the case. */
export const openCaseKey = (householdId: string) => ({ PK: `HOUSEHOLD#${householdId}`, SK: 'OPENCASE' })

/**
 * 到期事项 due items of every clock, in their subject's partition (one per kind), listed while open
 * by township and by helper, soonest first: `state=due` is the range from today, `overdue` before it.
 * A done item keeps no index keys (sparse), so the lists hold open items only.
 */
export const dueKey = (subjectType: string, subjectId: string, kind: string) => ({ PK: `DUE#${subjectType}#${subjectId}`, SK: `DUE#${kind}` })
export const dueOfSubject = (subjectType: string, subjectId: string) => `DUE#${subjectType}#${subjectId}`
export const dueOfTownship = (township: string) => `TWP#${township}#DUE`
export const dueOfHelper = (helperId: string) => `HELPER#${helperId}#DUE`
export const dueIndexKeys = (d: { kind: string; subjectId: string; township: string; helperId?: string | undefined; dueOn: string }) => {
  const sort = `${d.dueOn}#${d.kind}#${d.subjectId}`
  return { GSI1PK: dueOfTownship(d.township), GSI1SK: sort, ...(d.helperId ? { GSI2PK: dueOfHelper(d.helperId), GSI2SK: sort } : {}) }
}
/**
 * Counters of open due items per township (the officer's home: due and overdue by township and
 * kind, without reading the items): `OPEN#<kind>` holds how many are open, `DAY#<dueOn>#<kind>` how
 * many of them fall due that day, so the overdue ones are the `DAY#` range before today. Kept in the
 * same transactions as the items (functions/core/due.ts).
 */
export const dueCountOf = (township: string) => `DUECOUNT#${township}`
export const dueOpenCountKey = (township: string, kind: string) => ({ PK: dueCountOf(township), SK: `OPEN#${kind}` })
export const dueDayCountKey = (township: string, dueOn: string, kind: string) => ({ PK: dueCountOf(township), SK: `DAY#${dueOn}#${kind}` })
export const DUE_OPEN_PREFIX = 'OPEN#'
export const dueDayRange = (before: string) => ({ from: 'DAY#', to: `DAY#${before}` })
/** Markers of what the daily job sent: a helper's digest of a day, an officer's roll-up of a week. */
export const digestMarkerKey = (recipientId: string, day: string) => ({ PK: `DIGEST#${recipientId}`, SK: `DAY#${day}` })
export const rollupMarkerKey = (officerId: string, weekOf: string) => ({ PK: `DIGEST#${officerId}`, SK: `WEEK#${weekOf}` })

/**
 * 导入 roster imports (issue 11): one item per upload, listed under the officer who made it, newest
 * first. The people an import touched carry one more item beside their file: what the last import
 * set (so that an officer's later edit of a field sends the next import's change to review).
 */
export const importKey = (id: string) => ({ PK: `IMPORT#${id}`, SK: 'IMPORT' })
export const importsOfUser = (userId: string) => `USER#${userId}#IMPORTS`
export const importIndexKeys = (i: { id: string; createdBy: string; createdAt: string }) => ({ GSI1PK: importsOfUser(i.createdBy), GSI1SK: `${i.createdAt}#${i.id}` })
export const lastImportedKey = (seekerId: string) => ({ PK: `SEEKER#${seekerId}`, SK: 'IMPORTED' })
/** 待核对 rows an import held for an officer (a near-duplicate, or a field an officer changed since), per township. */
export const importReviewsOf = (township: string) => `TWP#${township}#IMPORTREVIEW`
/** The sort key is the review's ULID: oldest first is the order they were held in. */
export const importReviewKey = (township: string, id: string) => ({ PK: importReviewsOf(township), SK: `REVIEW#${id}` })
/** One waiting review per held row and file (functions/db/imports.ts putReview): its own partition, out of the review list's. */
export const importReviewHoldKey = (township: string, hold: string) => ({ PK: `TWP#${township}#IMPORTREVIEWHOLD#${hold}`, SK: 'HOLD' })

/**
 * 导出 list exports (issue 11): one item per export job, listed under the officer who asked,
 * newest first; the file's key stays on the item (the link is made on each read, short-lived).
 */
export const exportKey = (id: string) => ({ PK: `EXPORT#${id}`, SK: 'EXPORT' })
export const exportsOfUser = (userId: string) => `USER#${userId}#EXPORTS`
export const exportIndexKeys = (e: { id: string; createdBy: string; createdAt: string }) => ({ GSI1PK: exportsOfUser(e.createdBy), GSI1SK: `${e.createdAt}#${e.id}` })

/**
 * 求职者索引 the seeker index (docs/data-model.md, "The seeker index"): per township, each file's
 * compact row (what matching and a candidate answer read) lives in one of SEEKER_INDEX_SHARDS chunk
 * items, chosen by a hash of its id; each chunk has a head with its version, a township's heads in
 * one partition, so one small Query tells a container which of the township's chunks changed.
 */
export const SEEKER_INDEX_SHARDS = 16
export const seekerIndexHeads = (township: string) => `SEEKERINDEX#${township}`
export const seekerIndexHeadKey = (township: string, shard: number) => ({ PK: seekerIndexHeads(township), SK: `HEAD#${shardLabel(shard)}` })
export const seekerIndexChunkKey = (township: string, shard: number) => ({ PK: `SEEKERINDEX#${township}#${shardLabel(shard)}`, SK: 'CHUNK' })
/** The shard of a chunk item's partition key (`SEEKERINDEX#<township>#<shard>`). */
export const shardOfSeekerChunk = (pk: string) => Number(pk.slice(pk.lastIndexOf('#') + 1))
export const seekerIndexShard = (seekerId: string): number => postIndexShard(seekerId) % SEEKER_INDEX_SHARDS
/** A file's row is a top-level attribute of its chunk (writing it never needs the chunk to exist). */
export const SEEKER_INDEX_ROW_PREFIX = 's_'
export const seekerIndexRowAttribute = (seekerId: string) => `${SEEKER_INDEX_ROW_PREFIX}${seekerId}`

/**
 * 人员检索索引 the people index (people search): a compact row per file (name, pinyin, village,
 * hashed last fours) in the same-numbered chunk as its seeker-index row, a township's heads in one
 * partition. Kept apart from the seeker index, which holds no name and is what matching reads.
 */
export const peopleIndexHeads = (township: string) => `PEOPLEINDEX#${township}`
export const peopleIndexHeadKey = (township: string, shard: number) => ({ PK: peopleIndexHeads(township), SK: `HEAD#${shardLabel(shard)}` })
export const peopleIndexChunkKey = (township: string, shard: number) => ({ PK: `PEOPLEINDEX#${township}#${shardLabel(shard)}`, SK: 'CHUNK' })
export const PEOPLE_INDEX_ROW_PREFIX = 'p_'
export const peopleIndexBackfillKey = (version: string) => ({ PK: 'MIGRATION', SK: `PEOPLEINDEX#${version}` })
