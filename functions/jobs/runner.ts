import type { Deps } from '../api/context.js'

export type Job = { type: 'matchRun'; runId: string }

/** Starts background work: in-process locally, an asynchronous Lambda invocation in the cloud. */
export interface JobRunner {
  start(job: Job): Promise<void>
}

/** Local server and tests: the job runs in this process after the request has been answered. */
export const inProcessRunner = (deps: () => Deps): JobRunner => ({
  async start(job) {
    const { runMatchJob } = await import('./match-run.js')
    setImmediate(() => void runMatchJob(deps(), job.runId))
  },
})

/** AWS: invoke the jobs function with InvocationType Event (it runs up to 15 minutes). */
export const lambdaRunner = (functionName: string): JobRunner => ({
  async start(job) {
    const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda')
    await new LambdaClient({}).send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(job)) }))
  },
})
