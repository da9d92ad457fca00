import type { Deps } from './context.js'
import { createBase } from './base.js'
import { auth } from './routes/auth.js'
import { geo } from './routes/geo.js'
import { me } from './routes/me.js'
import { posts } from './routes/posts.js'
import { applications } from './routes/applications.js'
import { placements } from './routes/placements.js'
import { cases, due, households, placementChecks } from './routes/monitoring.js'
import { householdFile } from './routes/household-file.js'
import { seekers } from './routes/seekers.js'
import { difficulties, workshops } from './routes/workshops.js'
import { claims, eligibility, paymentBatches } from './routes/claims.js'
import { policies, targets } from './routes/policies.js'
import { certificates, seekerRecords, trainings, yulu } from './routes/records.js'
import { recordProblems } from './routes/record-checks.js'
import { todo } from './routes/todo.js'
import { users } from './routes/users.js'
import { reports } from './routes/reports.js'
import { files } from './routes/files.js'
import { dashboard } from './routes/dashboard.js'
import { candidates, matchRuns, recommendations } from './routes/match-runs.js'
import { myHistory, seekerHistory } from './routes/history.js'
import { graduates, returnees } from './routes/following.js'
import { imports } from './routes/imports.js'
import { listExports } from './routes/exports.js'

export { MAX_BODY_BYTES } from './base.js'

/**
 * The whole API with every route: the local server (server.ts), the tests and the portal's types use
 * it. The Lambda serves the same routes through route-groups.ts, which loads a route's modules on its
 * first request; a route mounted here must be in a group there too (tests/unit/route-groups.test.ts).
 */
export function createApp(deps: Deps) {
  return createBase(deps)
    .route('/auth', auth)
    .route('/me', me)
    .route('/geo', geo)
    .route('/posts', posts)
    .route('/posts', candidates)
    .route('/match-runs', matchRuns)
    .route('/me/recommendations', recommendations)
    .route('/seekers', seekers)
    .route('/imports', imports)
    .route('/exports', listExports)
    .route('/seekers', seekerRecords)
    .route('/seekers', seekerHistory)
    .route('/me/history', myHistory)
    .route('/certificates', certificates)
    .route('/trainings', trainings)
    .route('/yulu', yulu)
    .route('/policies', policies)
    .route('/targets', targets)
    .route('/dashboard', dashboard)
    .route('/eligibility', eligibility)
    .route('/claims', claims)
    .route('/payment-batches', paymentBatches)
    .route('/', reports)
    .route('/files', files)
    .route('/workshops', workshops)
    .route('/difficulties', difficulties)
    .route('/applications', applications)
    .route('/placements', placements)
    .route('/placements', placementChecks)
    .route('/households', households)
    .route('/households', householdFile)
    .route('/cases', cases)
    .route('/due', due)
    .route('/record-problems', recordProblems)
    .route('/todo', todo)
    .route('/users', users)
    .route('/returnees', returnees)
    .route('/graduates', graduates)
}

export type App = ReturnType<typeof createApp>
/** The portal's typed client (`hc<AppType>`) is built from this. */
export type AppType = App
