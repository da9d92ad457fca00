import type { Deps, Job, JobRunner } from '../core/deps.js'

export type { Job, JobRunner }

/** Runs one job to its end (both runners and the jobs Lambda come here). */
export async function runJob(deps: Deps, job: Job): Promise<void> {
  if (job.type === 'matchRun') {
    const { runMatchJob } = await import('./match-run.js')
    await runMatchJob(deps, job.runId)
  } else if (job.type === 'importRun') {
    const { runImportJob } = await import('./import-run.js')
    await runImportJob(deps, job.importId)
  } else if (job.type === 'exportRun') {
    const { runExportJob } = await import('./export-run.js')
    await runExportJob(deps, job.exportId)
  } else if (job.type === 'daily') {
    const { runDaily } = await import('./daily.js')
    await runDaily(deps)
  } else if (job.type === 'checkRecords') {
    const { checkRecords } = await import('./check-records.js')
    await checkRecords(deps, job.township)
  } else if (job.type === 'backfillHistory') {
    const { backfillHistory } = await import('./backfill-history.js')
    await backfillHistory(deps, job.township)
  } else if (job.type === 'sendSms') {
    const { deliverQueuedSms } = await import('../core/sms-outbox.js')
    await deliverQueuedSms(deps, job.outboxId)
  } else if (job.type === 'retrySms') {
    const { retryDueSms } = await import('../core/sms-outbox.js')
    await retryDueSms(deps)
  } else if (job.type === 'migrate') {
    const { migrate } = await import('./migrations.js')
    await migrate(deps)
  } else if (job.type === 'closeExpiredPosts') {
    const { closeExpiredPosts } = await import('./close-expired-posts.js')
    await closeExpiredPosts(deps)
  } else {
    const { runPublishJob } = await import('./publish-run.js')
    await runPublishJob(deps, job.runId)
  }
}


/** Local server and tests: the job runs in this process after the request has been answered. */
export const inProcessRunner = (deps: () => Deps): JobRunner => ({
  async start(job) {
    setImmediate(() => void runJob(deps(), job))
  },
})

/** AWS: invoke the jobs function with InvocationType Event (it runs up to 15 minutes). */
export const lambdaRunner = (functionName: string): JobRunner => ({
  async start(job) {
    const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda')
    await new LambdaClient({}).send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(job)) }))
  },
})
