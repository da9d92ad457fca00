import path from 'node:path'
import { Aspects } from 'aws-cdk-lib'
import type { Construct } from 'constructs'
import { Api } from './api.js'
import { Data } from './data.js'
import { Jobs } from './jobs.js'
import { SilenceRedundantRoleDependsOn } from './lint.js'
import { Web } from './web.js'

export interface WengangProps {
  /** The built portal folder; defaults to dist/web under the repository root. */
  webAssetsPath?: string
}

/** Values both entry points publish as stack outputs. */
export interface WengangOutputs {
  SiteUrl: string
  ApiUrl: string
  TableName: string
  PortalBucket: string
  DistributionId: string
}

export interface Wengang {
  data: Data
  api: Api
  jobs: Jobs
  web: Web
  outputs: WengangOutputs
}

/**
 * Everything Wengang deploys, mounted into a stack. `infra/cdk-app.ts` (cdk) and
 * `sst.config.ts` (SST v2) both call this, so the two deployments cannot diverge.
 */
export function mountWengang(scope: Construct, props: WengangProps = {}): Wengang {
  Aspects.of(scope).add(new SilenceRedundantRoleDependsOn())
  const data = new Data(scope, 'Data')
  const api = new Api(scope, 'Api', { table: data.table })
  const jobs = new Jobs(scope, 'Jobs', { table: data.table, api })
  const web = new Web(scope, 'Web', {
    httpApi: api.httpApi,
    assetsPath: props.webAssetsPath ?? path.resolve('dist/web'),
  })
  return {
    data,
    api,
    jobs,
    web,
    outputs: {
      SiteUrl: `https://${web.distribution.distributionDomainName}`,
      ApiUrl: api.httpApi.apiEndpoint,
      TableName: data.table.tableName,
      PortalBucket: web.bucket.bucketName,
      DistributionId: web.distribution.distributionId,
    },
  }
}
