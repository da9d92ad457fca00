/**
 * Assertions both entry points must pass: `infra/cdk-app.ts` (cdk.test.ts) and `sst.config.ts`
 * (sst.test.ts) mount the same constructs, so they are held to the same template facts.
 */
import { CustomResource } from 'aws-cdk-lib'
import { Match, type Template } from 'aws-cdk-lib/assertions'
import type { IConstruct } from 'constructs'
import { expect, it } from 'vitest'
import { TABLE_DEFINITION } from '../../../functions/db/table-definition.js'
import { API_THROTTLE_DEFAULTS } from '../../../infra/api.js'
import { VIEWER_ADDRESS } from '../../../infra/web.js'
import { SECURITY_HEADERS, HSTS_MAX_AGE_SECONDS, ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../../functions/security/headers.js'

/** What the entry points pass in, in tests: a CLOUDFRONT web ACL's ARN as infra/edge.ts's stack outputs it. */
export const TEST_WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/wengang-edge/0f0e0d0c-0b0a-4908-8706-050403020100'

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad'
/** The managed CachingOptimized policy: honours the origin's Cache-Control, keys on gzip and brotli. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6'
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac'

function only(template: Template, type: string, props?: Record<string, unknown>): [string, Resource] {
  const found = Object.entries(template.findResources(type, props ? { Properties: props } : undefined))
  expect(found, `exactly one ${type}`).toHaveLength(1)
  return found[0] as [string, Resource]
}

/** The API function, told apart from the jobs function and helper functions: it is the one that starts jobs. */
export const apiFunction = (t: Template) =>
  only(t, 'AWS::Lambda::Function', { Environment: { Variables: { WENGANG_ENV: 'production', JOBS_FUNCTION_NAME: Match.anyValue() } } })

/** The jobs function (match runs): production mode, 15 minutes. */
export const jobsFunction = (t: Template) => only(t, 'AWS::Lambda::Function', { Environment: { Variables: { WENGANG_ENV: 'production' } }, Timeout: 900 })

/** Every statement of the IAM policies attached to a function's role. */
export function roleStatements(t: Template, fn: Resource): { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]
  return Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
}

export const environmentOf = (fn: Resource) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables

/**
 * Construct paths named `Default`. CDK drops that segment from logical ids (and treats it as
 * the default child), so our constructs never use it; CDK's own CustomResource does, internally.
 */
export const constructsNamedDefault = (root: IConstruct): string[] =>
  root.node
    .findAll()
    .filter((c) => c.node.id === 'Default' && !(c.node.scope instanceof CustomResource))
    .map((c) => c.node.path)

export function sharedChecks(template: () => Template, webAclArn: string): void {
  it('HTTP API: the $default stage throttles every route (rate and burst)', () => {
    const [, stage] = only(template(), 'AWS::ApiGatewayV2::Stage')
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE_DEFAULTS.rateLimit, ThrottlingBurstLimit: API_THROTTLE_DEFAULTS.burstLimit },
    })
  })

  it('CloudFront: behind the web ACL; the security headers of functions/security/headers.ts on the portal and the API', () => {
    const t = template()
    const [, dist] = only(t, 'AWS::CloudFront::Distribution')
    const config = dist.Properties.DistributionConfig as Record<string, any>
    expect(config.WebACLId).toBe(webAclArn)
    const policies = t.findResources('AWS::CloudFront::ResponseHeadersPolicy')
    const policyOf = (behavior: { ResponseHeadersPolicyId: { Ref: string } }) => policies[behavior.ResponseHeadersPolicyId.Ref]!.Properties.ResponseHeadersPolicyConfig
    const portal = policyOf(config.DefaultCacheBehavior)
    const api = policyOf(config.CacheBehaviors[0])
    for (const [policy, override] of [[portal, true], [api, false]] as const) {
      const s = policy.SecurityHeadersConfig
      if (override) {
        // The portal's CSP is the API's with one more connect-src: the files bucket, where roster uploads are posted.
        const parts = (s.ContentSecurityPolicy.ContentSecurityPolicy as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
        const [before, after] = SECURITY_HEADERS['Content-Security-Policy']!.split("connect-src 'self'")
        expect(parts).toEqual([`${before}connect-src 'self' https://`, { 'Fn::GetAtt': ['WengangFilesBucket', 'RegionalDomainName'] }, after])
        expect(s.ContentSecurityPolicy.Override).toBe(true)
      } else expect(s.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: SECURITY_HEADERS['Content-Security-Policy'], Override: override })
      expect(s.ContentTypeOptions).toEqual({ Override: override })
      expect(s.ReferrerPolicy).toEqual({ ReferrerPolicy: SECURITY_HEADERS['Referrer-Policy'], Override: override })
      expect(s.FrameOptions).toEqual({ FrameOption: SECURITY_HEADERS['X-Frame-Options'], Override: override })
      expect(s.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, IncludeSubdomains: true, Override: override })
      expect(policy.CustomHeadersConfig.Items).toEqual([
        { Header: 'Permissions-Policy', Value: SECURITY_HEADERS['Permissions-Policy'], Override: override },
        { Header: 'Cross-Origin-Opener-Policy', Value: SECURITY_HEADERS['Cross-Origin-Opener-Policy'], Override: override },
      ])
    }
    // The CSP is strict: no inline script or eval anywhere, nothing framed.
    expect(SECURITY_HEADERS['Content-Security-Policy']).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(SECURITY_HEADERS['Content-Security-Policy']).toContain("frame-ancestors 'none'")
  })

  it('CloudFront → API: the viewer address in our header, and the origin secret by dynamic reference, also given to the function', () => {
    const t = template()
    const [, dist] = only(t, 'AWS::CloudFront::Distribution')
    const config = dist.Properties.DistributionConfig as Record<string, any>
    const api = config.CacheBehaviors[0]
    expect(api.FunctionAssociations).toEqual([expect.objectContaining({ EventType: 'viewer-request' })])
    const fnId = api.FunctionAssociations[0].FunctionARN['Fn::GetAtt'][0]
    expect(t.toJSON().Resources[fnId].Properties.FunctionCode).toBe(VIEWER_ADDRESS)
    expect(VIEWER_ADDRESS).toContain(`request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip }`)
    const origin = config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId)
    expect(origin.OriginCustomHeaders).toHaveLength(1)
    expect(origin.OriginCustomHeaders[0].HeaderName).toBe(ORIGIN_VERIFY_HEADER)
    const headerValue = JSON.stringify(origin.OriginCustomHeaders[0].HeaderValue)
    expect(headerValue).toContain('{{resolve:secretsmanager:')
    const vars = (apiFunction(t)[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables
    expect(JSON.stringify(vars.WENGANG_ORIGIN_SECRET)).toBe(headerValue)
  })

  it('table: keys and every GSI come from TABLE_DEFINITION', () => {
    const [, table] = only(template(), 'AWS::DynamoDB::Table')
    const key = (hash: string, range: string) => [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ]
    expect(table.Properties.KeySchema).toEqual(key(TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey))
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      TABLE_DEFINITION.globalIndexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: key(i.partitionKey, i.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    )
    const names = [TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey, ...TABLE_DEFINITION.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]
    expect(table.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining(names.map((n) => ({ AttributeName: n, AttributeType: 'S' }))),
    )
    expect(table.Properties.AttributeDefinitions).toHaveLength(names.length)
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: true })
  })

  it('table: on demand, PITR, deletion protection, encrypted, retained', () => {
    const [, table] = only(template(), 'AWS::DynamoDB::Table')
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    })
    expect(table.DeletionPolicy).toBe('Retain')
    expect(table.UpdateReplacePolicy).toBe('Retain')
  })

  it('function: nodejs22.x on arm64, 512 MB, 10 s, ESM bundle, own log group', () => {
    const t = template()
    const [, fn] = apiFunction(t)
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 10,
      Handler: 'index.handler',
    })
    const logGroup = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref
    expect(t.toJSON().Resources[logGroup]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } })
  })

  it('function: environment names the table, production mode, secrets by dynamic reference', () => {
    const t = template()
    const [tableId] = only(t, 'AWS::DynamoDB::Table')
    const vars = (apiFunction(t)[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables
    expect(vars).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      WENGANG_ENV: 'production',
      NODE_OPTIONS: '--enable-source-maps',
      AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
    })
    for (const name of ['WENGANG_SESSION_SECRET', 'WENGANG_DATA_KEY']) {
      const value = JSON.stringify(vars[name])
      expect(value, name).toContain('{{resolve:secretsmanager:')
      // Each points at a generated secret in this stack, never a literal.
      const ref = (vars[name] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1] as { Ref: string }
      expect(t.toJSON().Resources[ref.Ref]).toMatchObject({
        Type: 'AWS::SecretsManager::Secret',
        Properties: { GenerateSecretString: { PasswordLength: 64 } },
        DeletionPolicy: 'Retain',
      })
    }
  })

  it('function: may read and write the table and its indexes', () => {
    const t = template()
    const [tableId] = only(t, 'AWS::DynamoDB::Table')
    const [, fn] = apiFunction(t)
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]
    const policies = Object.values(t.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(roleId),
    )
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string[]; Resource: unknown }[])
    const onTable = statements.find((s) => JSON.stringify(s.Resource).includes(tableId))
    expect(onTable?.Action).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem']),
    )
    expect(JSON.stringify(onTable?.Resource)).toContain('/index/*')
  })

  it('HTTP API: ANY /api/{proxy+} goes to the function', () => {
    const t = template()
    const [apiId] = only(t, 'AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' })
    const [fnId] = apiFunction(t)
    const [, route] = only(t, 'AWS::ApiGatewayV2::Route')
    expect(route.Properties.RouteKey).toBe('ANY /api/{proxy+}')
    expect(route.Properties.ApiId).toEqual({ Ref: apiId })
    const [, integration] = only(t, 'AWS::ApiGatewayV2::Integration')
    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' })
    expect(JSON.stringify(integration.Properties.IntegrationUri)).toContain(fnId)
  })

  it('bucket: not public, TLS only, encrypted, retained', () => {
    const t = template()
    expect(Object.keys(t.findResources('AWS::S3::Bucket')).sort()).toEqual(['WengangFilesBucket', 'WengangPortalBucket'])
    const bucketId = 'WengangPortalBucket'
    const bucket = t.toJSON().Resources[bucketId] as Resource
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    })
    expect(JSON.stringify(bucket.Properties.BucketEncryption)).toContain('AES256')
    expect(bucket.DeletionPolicy).toBe('Retain')
    expect(t.findResources('Custom::S3AutoDeleteObjects')).toEqual({})
    const [, policy] = only(t, 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucketId } })
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    )
    // The only Allow is for CloudFront, scoped to this distribution.
    const allows = statements.filter((s) => s.Effect === 'Allow')
    expect(allows).toHaveLength(1)
    expect(allows[0]?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' })
    expect(JSON.stringify(allows[0]?.Condition)).toContain('AWS:SourceArn')
  })

  it('CloudFront: S3 through origin access control, compressed and cached by Cache-Control, /api/* to the HTTP API uncached, SPA rewrite', () => {
    const t = template()
    const [oacId, oac] = only(t, 'AWS::CloudFront::OriginAccessControl')
    expect(oac.Properties).toMatchObject({ OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' } })
    const [, dist] = only(t, 'AWS::CloudFront::Distribution')
    const config = dist.Properties.DistributionConfig as {
      Origins: { Id: string; S3OriginConfig?: unknown; OriginAccessControlId?: unknown; CustomOriginConfig?: unknown }[]
      DefaultCacheBehavior: { TargetOriginId: string; ViewerProtocolPolicy: string; FunctionAssociations: { EventType: string }[]; CachePolicyId: string; Compress?: boolean }
      CacheBehaviors: { PathPattern: string; TargetOriginId: string; CachePolicyId: string; OriginRequestPolicyId: string; AllowedMethods: string[] }[]
      CustomErrorResponses?: unknown
    }
    const s3 = config.Origins.find((o) => o.S3OriginConfig)
    expect(JSON.stringify(s3?.OriginAccessControlId)).toContain(oacId)
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(s3?.Id)
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https')
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([expect.objectContaining({ EventType: 'viewer-request' })])
    // The portal goes out brotli or gzip compressed, cached as the uploaded Cache-Control says (as `npm start` serves it).
    expect(config.DefaultCacheBehavior.Compress).toBe(true)
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(CACHING_OPTIMIZED)
    expect(config.CacheBehaviors).toHaveLength(1)
    const api = config.CacheBehaviors[0]
    expect(api?.PathPattern).toBe('/api/*')
    expect(api?.CachePolicyId).toBe(CACHING_DISABLED)
    expect(api?.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER)
    expect(api?.AllowedMethods).toContain('POST')
    const apiOrigin = config.Origins.find((o) => o.Id === api?.TargetOriginId)
    expect(apiOrigin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' })
    // Distribution-wide 403/404 → index.html would also rewrite the API's own 403/404 answers.
    expect(config.CustomErrorResponses).toBeUndefined()
  })

  it('SMS by default: both sending functions (API: sign-in codes; jobs: the outbox) use SNS, may publish SMS in the stack\'s region only and to no topic, and get no Alibaba secret', () => {
    const t = template()
    for (const [, fn] of [apiFunction(t), jobsFunction(t)]) {
      expect(Object.fromEntries(Object.entries(environmentOf(fn)).filter(([k]) => k.startsWith('SMS_')))).toEqual({ SMS_PROVIDER: 'sns' })
      const sns = roleStatements(t, fn).filter((st) => JSON.stringify(st.Action).includes('sns:'))
      expect(sns).toEqual([
        { Sid: 'SmsToPhoneNumbers', Effect: 'Allow', Action: 'sns:Publish', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } } },
        { Sid: 'NoTopicPublish', Effect: 'Deny', Action: 'sns:Publish', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] } },
      ])
    }
    expect(Object.keys(t.findResources('AWS::SecretsManager::Secret')).filter((id) => id.includes('Aliyun'))).toEqual([])
  })

  it('jobs: a 15-minute, 2 GB function the API may invoke asynchronously, with the table and the secrets', () => {
    const t = template()
    const [jobsId, jobs] = jobsFunction(t)
    expect(jobs.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], MemorySize: 2048, Timeout: 900 })
    const vars = (jobs.Properties.Environment as { Variables: Record<string, unknown> }).Variables
    expect(JSON.stringify(vars.WENGANG_DATA_KEY)).toContain('{{resolve:secretsmanager:')
    const [, api] = apiFunction(t)
    expect((api.Properties.Environment as { Variables: Record<string, unknown> }).Variables.JOBS_FUNCTION_NAME).toEqual({ Ref: jobsId })
    const apiRole = (api.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]
    const invoke = Object.values(t.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(apiRole))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((st) => JSON.stringify(st.Action).includes('lambda:InvokeFunction'))
    expect(invoke.some((st) => JSON.stringify(st.Resource).includes(jobsId))).toBe(true)
    expect(Object.values(t.findResources('AWS::Lambda::EventInvokeConfig')).some((c) => c.Properties.MaximumRetryAttempts === 0)).toBe(true)
  })

  it('files: the store bucket is private, encrypted, SSL only, and every object expires after 30 days', () => {
    const t = template()
    const bucket = t.toJSON().Resources.WengangFilesBucket as Resource
    expect(bucket.Type).toBe('AWS::S3::Bucket')
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true })
    expect(bucket.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] })
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] })
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules
    expect(rules).toEqual([expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 30, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } })])
    // No prefix or tag filter: the rule covers every object.
    expect(rules[0]).not.toHaveProperty('Prefix')
    expect(rules[0]).not.toHaveProperty('TagFilters')
    // The browser posts roster uploads here (a presigned POST): POST only, and the signed policy is the permission.
    expect(bucket.Properties.CorsConfiguration).toEqual({ CorsRules: [{ AllowedMethods: ['POST'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAge: 3600 }] })
    const [, policy] = only(t, 'AWS::S3::BucketPolicy', { Bucket: { Ref: 'WengangFilesBucket' } })
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement
    expect(statements).toEqual([expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })])
  })

  it('exports: the renderer function may put into the files bucket and nothing else; the API may invoke it and read the bucket', () => {
    const t = template()
    const [exportsId, exportsFn] = only(t, 'AWS::Lambda::Function', { Environment: { Variables: { FILES_BUCKET: { Ref: 'WengangFilesBucket' }, NODE_OPTIONS: '--enable-source-maps' } }, MemorySize: 1024 })
    expect(exportsFn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' })
    expect(Object.keys(environmentOf(exportsFn)).sort()).toEqual(['AWS_NODEJS_CONNECTION_REUSE_ENABLED', 'FILES_BUCKET', 'NODE_OPTIONS'])
    const own = roleStatements(t, exportsFn)
    const puts = own.filter((s) => [s.Action].flat().includes('s3:PutObject'))
    expect(puts.flatMap((s) => [s.Action].flat()).sort()).toEqual(['s3:Abort*', 's3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'])
    // It reads only the render requests staged for it (a sheet past the invocation's 6 MB).
    const reads = own.filter((s) => !puts.includes(s))
    expect(reads.flatMap((s) => [s.Action].flat()).filter((a) => /Put|Delete/.test(a))).toEqual([])
    for (const s of reads.filter((s) => [s.Action].flat().includes('s3:GetObject*'))) expect(JSON.stringify(s.Resource)).toContain('/render-requests/*')
    for (const s of own) expect(JSON.stringify(s.Resource)).toContain('WengangFilesBucket')

    const [, api] = apiFunction(t)
    expect(environmentOf(api)).toMatchObject({ EXPORTS_FUNCTION_NAME: { Ref: exportsId }, FILES_BUCKET: { Ref: 'WengangFilesBucket' } })
    const apiStatements = roleStatements(t, api)
    const invoke = apiStatements.filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'))
    expect(invoke.some((s) => JSON.stringify(s.Resource).includes(exportsId))).toBe(true)
    const onBucket = apiStatements.filter((s) => JSON.stringify(s.Resource).includes('WengangFilesBucket'))
    const actions = onBucket.flatMap((s) => [s.Action].flat())
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:List*']))
    // The API signs links; it never writes or deletes what the renderer stored: it puts roster
    // uploads under uploads/ and large render requests under render-requests/, nothing else.
    const writes = onBucket.filter((s) => [s.Action].flat().some((a) => /Put|Delete|\*$/.test(a) && a !== 's3:GetObject*' && a !== 's3:GetBucket*' && a !== 's3:List*'))
    expect(writes.map((w) => (JSON.stringify(w.Resource).includes('/uploads/*') ? 'uploads' : JSON.stringify(w.Resource).includes('/render-requests/*') ? 'render-requests' : 'elsewhere')).sort()).toEqual(['render-requests', 'uploads'])
    expect(writes.flatMap((w) => [w.Action].flat()).filter((a) => /Delete/.test(a))).toEqual([])
  })

  it('imports: the jobs function reads uploads only, and has its error file rendered by the exports function', () => {
    const t = template()
    const [exportsId] = only(t, 'AWS::Lambda::Function', { Environment: { Variables: { FILES_BUCKET: { Ref: 'WengangFilesBucket' }, NODE_OPTIONS: '--enable-source-maps' } }, MemorySize: 1024 })
    const [, jobs] = only(t, 'AWS::Lambda::Function', { MemorySize: 2048 })
    expect(environmentOf(jobs)).toMatchObject({ EXPORTS_FUNCTION_NAME: { Ref: exportsId }, FILES_BUCKET: { Ref: 'WengangFilesBucket' } })
    const statements = roleStatements(t, jobs)
    const onBucket = statements.filter((s) => JSON.stringify(s.Resource).includes('WengangFilesBucket'))
    // It puts only the render requests it stages (an error file past the invocation's 6 MB), deletes nothing.
    for (const s of onBucket.filter((s) => [s.Action].flat().some((a) => /Put/.test(a)))) expect(JSON.stringify(s.Resource)).toContain('/render-requests/*')
    expect(onBucket.flatMap((s) => [s.Action].flat()).filter((a) => /Delete/.test(a))).toEqual([])
    for (const s of onBucket.filter((s) => [s.Action].flat().includes('s3:GetObject*'))) expect(JSON.stringify(s.Resource)).toContain('/uploads/*')
    expect(statements.some((s) => [s.Action].flat().includes('lambda:InvokeFunction') && JSON.stringify(s.Resource).includes(exportsId))).toBe(true)
  })
}
