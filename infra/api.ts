import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib'
import { HttpApi, HttpMethod, HttpStage, type ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import type { ITable } from 'aws-cdk-lib/aws-dynamodb'
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda'
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { Secret } from 'aws-cdk-lib/aws-secretsmanager'
import { Construct } from 'constructs'
import { REQUIRE_SHIM } from './api-bundle.js'
import type { Sms } from './sms.js'

export interface ApiProps {
  table: ITable
  /** Requests per second (steady, and burst) the stage passes to the function; beyond them API Gateway answers 429. */
  throttle?: ThrottleSettings
  /** Sign-in codes are sent in the request: the API gets the SMS settings and the right to send. */
  sms: Sms
}

/**
 * Stage-wide throttling, a ceiling well above the district's traffic (about 2,000 seekers and their
 * officers) and far below what would run up a Lambda bill: a flood stops at API Gateway.
 */
export const API_THROTTLE_DEFAULTS = { rateLimit: 100, burstLimit: 200 } as const satisfies ThrottleSettings

/**
 * Resolved from the repository root (the working directory of `npm run synth`, `sst deploy`
 * and vitest), not from import.meta.url: SST bundles sst.config.ts into a temporary file elsewhere.
 */
export const REPO_ROOT = path.resolve('.')

/**
 * The API function's code: `npm run build:api` into CDK's bundling folder (infra/api-bundle.ts:
 * the same esbuild settings as BUNDLING, plus code splitting, which NodejsFunction cannot do, and
 * without exceljs). Local bundling only, as NodejsFunction here (forceDockerBundling: false); the
 * asset's hash is its output's.
 */
export function apiCode(): Code {
  return Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling below always succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      local: {
        tryBundle(outputDir: string) {
          const run = spawnSync(path.resolve(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/build-api.ts', '--outdir', outputDir, '--quiet'], { cwd: REPO_ROOT, encoding: 'utf8' })
          if (run.status !== 0) throw new Error(`npm run build:api failed (${run.status}): ${run.stderr || run.error}`)
          return true
        },
      },
    },
  })
}

/** The exports renderer's writer (functions/exports/write.ts): only the exports function bundles it. */
export const EXPORTS_WRITER = path.resolve(REPO_ROOT, 'functions/exports/write.ts')

/** How every Wengang function is bundled: local esbuild, ESM, minified, the SDK left to the runtime. */
export const BUNDLING = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  // Stack traces need only the mappings; the embedded sources would double the upload.
  sourcesContent: false,
  banner: REQUIRE_SHIM,
  // The nodejs22.x runtime ships AWS SDK v3; bundling it too would add about 340 KB. The in-process
  // exports renderer (exceljs, about 1.1 MB) is never run by these functions: the exports function
  // renders in AWS (infra/exports.ts bundles it; the API's own build stubs it, infra/api-bundle.ts).
  externalModules: ['@aws-sdk/*', EXPORTS_WRITER],
} satisfies BundlingOptions

/** The Hono API as one Lambda function behind an HTTP API; everything under /api goes to it. */
export class Api extends Construct {
  readonly fn: LambdaFunction
  readonly httpApi: HttpApi
  readonly sessionSecret: Secret
  readonly dataKey: Secret
  /** Sent by CloudFront with every origin request: proves a request came through the distribution. */
  readonly originSecret: Secret
  readonly stage: HttpStage

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id)

    // Generated once at first deploy and kept: losing the data key makes sealed phones and ID numbers unreadable.
    const generated = { passwordLength: 64, excludePunctuation: true, includeSpace: false }
    this.sessionSecret = new Secret(this, 'SessionSecret', {
      description: 'Wengang: HMAC key for session tokens (WENGANG_SESSION_SECRET)',
      generateSecretString: generated,
      removalPolicy: RemovalPolicy.RETAIN,
    })
    this.dataKey = new Secret(this, 'DataKey', {
      description: 'Wengang: key for sealed personal data and its blind indexes (WENGANG_DATA_KEY)',
      generateSecretString: generated,
      removalPolicy: RemovalPolicy.RETAIN,
    })

    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'Wengang: CloudFront origin-verify header value (WENGANG_ORIGIN_SECRET); rotating it only needs a deploy',
      generateSecretString: generated,
    })

    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH })

    this.fn = new LambdaFunction(this, 'Handler', {
      code: apiCode(),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        WENGANG_ENV: 'production',
        // CloudFormation dynamic references: resolved at deploy time, never written into the template.
        WENGANG_SESSION_SECRET: this.sessionSecret.secretValue.unsafeUnwrap(),
        WENGANG_DATA_KEY: this.dataKey.secretValue.unsafeUnwrap(),
        WENGANG_ORIGIN_SECRET: this.originSecret.secretValue.unsafeUnwrap(),
        NODE_OPTIONS: '--enable-source-maps',
        AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      },
    })
    props.table.grantReadWriteData(this.fn)
    props.sms.grantSend(this.fn)

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Wengang API (reached through the CloudFront distribution under /api/*)',
      // The $default stage is made below, with throttling (HttpApi's own default stage takes none).
      createDefaultStage: false,
    })
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? API_THROTTLE_DEFAULTS,
    })
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('Integration', this.fn),
    })
  }
}
