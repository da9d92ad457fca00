import path from 'node:path'
import { Duration } from 'aws-cdk-lib'
import { Architecture, Runtime, type IFunction } from 'aws-cdk-lib/aws-lambda'
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'
import { BUNDLING, EXPORTS_WRITER, REPO_ROOT, type Api } from './api.js'
import type { Files } from './files.js'
import type { Jobs } from './jobs.js'

export interface ExportsProps {
  api: Api
  files: Files
  /** The jobs function: the import job reads uploads and has its error file rendered here. */
  jobs: Jobs
}

/**
 * The exports renderer (functions/exports/handler.ts): the only function that bundles exceljs. The
 * API invokes it synchronously with a SheetSpec; it writes the .xlsx into the files bucket and
 * answers the key, and the API hands out a presigned link. It reads no table and holds no secret:
 * it may only put objects into the bucket.
 */
export class Exports extends Construct {
  readonly fn: IFunction

  constructor(scope: Construct, id: string, props: ExportsProps) {
    super(scope, id)
    const fn = new NodejsFunction(this, 'Handler', {
      entry: path.resolve(REPO_ROOT, 'functions/exports/handler.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.resolve(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      // Within the API's own 10 s: a district's ledger renders in about a second.
      timeout: Duration.seconds(9),
      logGroup: new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH }),
      retryAttempts: 0,
      environment: {
        FILES_BUCKET: props.files.bucket.bucketName,
        NODE_OPTIONS: '--enable-source-maps',
        AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      },
      // The one function that bundles the renderer (and exceljs with it).
      bundling: { ...BUNDLING, externalModules: BUNDLING.externalModules.filter((m) => m !== EXPORTS_WRITER) },
    })
    props.files.bucket.grantPut(fn)
    fn.grantInvoke(props.api.fn)
    props.api.fn.addEnvironment('EXPORTS_FUNCTION_NAME', fn.functionName)
    // The API signs the links with its own role: it may read (only read) what is stored.
    props.files.bucket.grantRead(props.api.fn)
    props.api.fn.addEnvironment('FILES_BUCKET', props.files.bucket.bucketName)
    // 导入 roster uploads (issue 11): the API stores them under uploads/, the import job reads them
    // there and has its error file rendered by this function (the jobs bundle has no exceljs either).
    props.files.bucket.grantPut(props.api.fn, 'uploads/*')
    props.files.bucket.grantRead(props.jobs.fn, 'uploads/*')
    fn.grantInvoke(props.jobs.fn)
    // A render request past the invocation's 6 MB is staged under render-requests/ (functions/exports/payload.ts).
    props.files.bucket.grantPut(props.api.fn, 'render-requests/*')
    props.files.bucket.grantPut(props.jobs.fn, 'render-requests/*')
    props.files.bucket.grantRead(fn, 'render-requests/*')
    props.jobs.fn.addEnvironment('FILES_BUCKET', props.files.bucket.bucketName)
    props.jobs.fn.addEnvironment('EXPORTS_FUNCTION_NAME', fn.functionName)
    this.fn = fn
  }
}
