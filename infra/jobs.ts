import path from 'node:path'
import { Duration } from 'aws-cdk-lib'
import type { ITable } from 'aws-cdk-lib/aws-dynamodb'
import { Architecture, Runtime, type IFunction } from 'aws-cdk-lib/aws-lambda'
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { Rule, Schedule, RuleTargetInput } from 'aws-cdk-lib/aws-events'
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler'
import { Construct } from 'constructs'
import type { Job } from '../functions/core/deps.js'
import { BUNDLING, REPO_ROOT, type Api } from './api.js'
import type { Sms } from './sms.js'

export interface JobsProps {
  table: ITable
  /** The API: it starts jobs, and they share its secrets (sealed personal data, SMS notices). */
  api: Api
  /** The outbox's texts are sent (and retried) here: the same SMS settings and right to send as the API. */
  sms: Sms
}

/** How often the retrySms sweep runs; a text's own back-off (functions/core/sms-outbox.ts) decides when it is due. */
export const SMS_RETRY_MINUTES = 5

/**
 * An EventBridge rule that invokes the jobs function with one job (functions/jobs/runner.ts reads it).
 * The target is bound by hand so the permission's logical id does not carry the stack's name (same under SST and plain CDK).
 */
function schedule(scope: Construct, fn: IFunction, id: string, when: Schedule, job: Job): Rule {
  const rule = new Rule(scope, id, { schedule: when })
  rule.addTarget({ bind: () => ({ arn: fn.functionArn, input: RuleTargetInput.fromObject(job) }) })
  fn.addPermission(id, { principal: new ServicePrincipal('events.amazonaws.com'), sourceArn: rule.ruleArn })
  return rule
}

/**
 * The daily clock as an EventBridge Scheduler schedule (issue 13 asks for Scheduler): its cron is
 * read in Beijing time (`ScheduleExpressionTimezone`), and a role of its own may invoke the jobs
 * function and nothing else. Scheduler retries a failed invocation twice; a run twice the same day
 * sends nothing twice (functions/core/due.ts markers).
 */
function dailySchedule(scope: Construct, fn: IFunction, id: string, job: Job): CfnSchedule {
  const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') })
  role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }))
  return new CfnSchedule(scope, id, {
    scheduleExpression: 'cron(5 0 * * ? *)',
    scheduleExpressionTimezone: 'Asia/Shanghai',
    flexibleTimeWindow: { mode: 'OFF' },
    target: { arn: fn.functionArn, roleArn: role.roleArn, input: JSON.stringify(job), retryPolicy: { maximumRetryAttempts: 2 } },
  })
}

/**
 * Long work the API starts and does not wait for (match runs): a function invoked asynchronously,
 * with the time (15 min) and memory (2 GB) a district- or county-scale match needs.
 */
export class Jobs extends Construct {
  readonly fn: NodejsFunction

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id)
    const fn = new NodejsFunction(this, 'Handler', {
      entry: path.resolve(REPO_ROOT, 'functions/jobs/handler.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.resolve(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 2048,
      timeout: Duration.minutes(15),
      logGroup: new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH }),
      // An async invocation is retried by Lambda on failure; a run that failed marks itself failed instead.
      retryAttempts: 0,
      environment: {
        TABLE_NAME: props.table.tableName,
        WENGANG_ENV: 'production',
        WENGANG_SESSION_SECRET: props.api.sessionSecret.secretValue.unsafeUnwrap(),
        WENGANG_DATA_KEY: props.api.dataKey.secretValue.unsafeUnwrap(),
        NODE_OPTIONS: '--enable-source-maps',
        AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      },
      bundling: BUNDLING,
    })
    props.table.grantReadWriteData(fn)
    props.sms.grantSend(fn)
    fn.grantInvoke(props.api.fn)
    props.api.fn.addEnvironment('JOBS_FUNCTION_NAME', fn.functionName)
    // The daily clock at 00:05 Beijing time: posts past their deadline close, placements that start that
    // day count, every township's records are checked, the due list is marked and its digests sent
    // (functions/jobs/daily.ts).
    dailySchedule(this, fn, 'DailyClock', { type: 'daily' })
    // The outbox's sweep: a text whose sendSms run ended early (a timeout, a crash, a provider down for
    // longer than the run) is tried again when due, with its back-off, without waiting for a request.
    schedule(this, fn, 'SmsRetry', Schedule.rate(Duration.minutes(SMS_RETRY_MINUTES)), { type: 'retrySms' })
    this.fn = fn
  }
}
