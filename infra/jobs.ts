import path from 'node:path'
import { Duration } from 'aws-cdk-lib'
import type { ITable } from 'aws-cdk-lib/aws-dynamodb'
import { Architecture, Runtime, type IFunction } from 'aws-cdk-lib/aws-lambda'
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { Rule, Schedule, RuleTargetInput } from 'aws-cdk-lib/aws-events'
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { Construct } from 'constructs'
import { BUNDLING, REPO_ROOT, type Api } from './api.js'

export interface JobsProps {
  table: ITable
  /** The API: it starts jobs, and they share its secrets (sealed personal data, SMS notices). */
  api: Api
}

/**
 * Long work the API starts and does not wait for (match runs): a function invoked asynchronously,
 * with the time (15 min) and memory (2 GB) a district- or county-scale match needs.
 */
export class Jobs extends Construct {
  readonly fn: IFunction

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
    fn.grantInvoke(props.api.fn)
    props.api.fn.addEnvironment('JOBS_FUNCTION_NAME', fn.functionName)
    // The daily clock just after midnight Beijing time (16:05 UTC): posts past their deadline close,
    // placements that start that day count, every township's records are checked (functions/jobs/daily.ts).
    // The target is bound by hand so the permission's logical id does not carry the stack's name (same under SST and plain CDK).
    const daily = new Rule(this, 'DailyClock', { schedule: Schedule.cron({ minute: '5', hour: '16' }) })
    daily.addTarget({ bind: () => ({ arn: fn.functionArn, input: RuleTargetInput.fromObject({ type: 'daily' }) }) })
    fn.addPermission('DailyClock', { principal: new ServicePrincipal('events.amazonaws.com'), sourceArn: daily.ruleArn })
    this.fn = fn
  }
}
