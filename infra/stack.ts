import path from 'node:path'
import { Aspects } from 'aws-cdk-lib'
import type { Construct } from 'constructs'
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2'
import { Api } from './api.js'
import { Data } from './data.js'
import { Exports } from './exports.js'
import { Files } from './files.js'
import { Jobs } from './jobs.js'
import { SilenceRedundantRoleDependsOn } from './lint.js'
import { Sms, type SmsProps } from './sms.js'
import { Web } from './web.js'

export interface WengangProps {
  /** The built portal folder; defaults to dist/web under the repository root. */
  webAssetsPath?: string
  /**
   * The CLOUDFRONT web ACL the distribution sits behind (infra/edge.ts, in us-east-1). Required:
   * a deployment without the sign-in rate rule is not one we make.
   */
  webAclArn: string
  /** API Gateway stage throttling; defaults to API_THROTTLE_DEFAULTS. */
  apiThrottle?: ThrottleSettings
  /** Who sends texts and with what settings; the entry points take it from context (smsPropsFromContext). Defaults to SNS. */
  sms?: SmsProps
}

/** Where Wengang runs unless the deploying tool says otherwise (sst.config.ts, infra/cdk-app.ts). */
export const WENGANG_REGION = 'ap-northeast-1'

/** Values both entry points publish as stack outputs. */
export interface WengangOutputs {
  SiteUrl: string
  ApiUrl: string
  TableName: string
  PortalBucket: string
  DistributionId: string
  /** The jobs function: an operator invokes it with `{"type":"migrate"}` after a deploy (docs/infrastructure.md). */
  JobsFunctionName: string
  /** Alibaba only: the secret the operator writes the RAM key into (docs/infrastructure.md). */
  SmsAliyunCredentialsArn?: string
}

export interface Wengang {
  data: Data
  api: Api
  jobs: Jobs
  files: Files
  exports: Exports
  web: Web
  sms: Sms
  outputs: WengangOutputs
}

/**
 * Everything Wengang deploys, mounted into a stack. `infra/cdk-app.ts` (cdk) and
 * `sst.config.ts` (SST v2) both call this, so the two deployments cannot diverge.
 */
export function mountWengang(scope: Construct, props: WengangProps): Wengang {
  Aspects.of(scope).add(new SilenceRedundantRoleDependsOn())
  const data = new Data(scope, 'Data')
  const sms = new Sms(scope, 'Sms', props.sms)
  const api = new Api(scope, 'Api', { table: data.table, sms, ...(props.apiThrottle ? { throttle: props.apiThrottle } : {}) })
  const jobs = new Jobs(scope, 'Jobs', { table: data.table, api, sms })
  const files = new Files(scope, 'Files')
  const exports = new Exports(scope, 'Exports', { api, files, jobs })
  const web = new Web(scope, 'Web', {
    httpApi: api.httpApi,
    assetsPath: props.webAssetsPath ?? path.resolve('dist/web'),
    webAclArn: props.webAclArn,
    originSecret: api.originSecret,
    uploadHost: files.bucket.bucketRegionalDomainName,
  })
  return {
    data,
    api,
    jobs,
    files,
    exports,
    web,
    sms,
    outputs: {
      SiteUrl: `https://${web.distribution.distributionDomainName}`,
      ApiUrl: api.httpApi.apiEndpoint,
      TableName: data.table.tableName,
      PortalBucket: web.bucket.bucketName,
      DistributionId: web.distribution.distributionId,
      JobsFunctionName: jobs.fn.functionName,
      ...(sms.aliyunCredentials ? { SmsAliyunCredentialsArn: sms.aliyunCredentials.secretArn } : {}),
    },
  }
}
