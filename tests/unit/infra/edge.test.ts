import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { App } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { afterAll, describe, expect, it } from 'vitest'
import { AUTH_PATH_PREFIX, AUTH_RATE_DEFAULTS, EDGE_REGION, edgeStack, mountEdge } from '../../../infra/edge.js'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wengang-edge-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('edge stack (infra/edge.ts): AWS WAF for CloudFront', () => {
  const app = new App({ outdir: tmp })
  const stack = edgeStack(app, 'WengangEdge')
  mountEdge(stack)
  const template = Template.fromStack(stack)
  const acls = Object.values(template.findResources('AWS::WAFv2::WebACL'))

  it('lives in us-east-1, the only region a CLOUDFRONT web ACL can be made in', () => {
    expect(stack.region).toBe(EDGE_REGION)
    expect(EDGE_REGION).toBe('us-east-1')
    expect(acls).toHaveLength(1)
    expect(acls[0]!.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } })
  })

  it('limits requests whose path starts with /api/auth/ per viewer address, answering 429 with Retry-After', () => {
    const rules = acls[0]!.Properties.Rules as Record<string, any>[]
    expect(rules).toHaveLength(1)
    const [rule] = rules
    const rate = rule!.Statement.RateBasedStatement
    expect(rate).toMatchObject({ AggregateKeyType: 'IP', Limit: AUTH_RATE_DEFAULTS.authRequestsPerWindow, EvaluationWindowSec: AUTH_RATE_DEFAULTS.windowSeconds })
    expect(rate.ScopeDownStatement.ByteMatchStatement).toEqual({
      FieldToMatch: { UriPath: {} },
      PositionalConstraint: 'STARTS_WITH',
      SearchString: AUTH_PATH_PREFIX,
      TextTransformations: [{ Priority: 0, Type: 'NONE' }],
    })
    expect(AUTH_PATH_PREFIX).toBe('/api/auth/')
    const block = rule!.Action.Block.CustomResponse
    expect(block.ResponseCode).toBe(429)
    expect(block.ResponseHeaders).toEqual([{ Name: 'retry-after', Value: String(AUTH_RATE_DEFAULTS.windowSeconds) }])
    const body = acls[0]!.Properties.CustomResponseBodies[block.CustomResponseBodyKey]
    expect(JSON.parse(body.Content)).toMatchObject({ code: 'edge.tooMany' })
    expect(rule!.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true })
  })

  it('takes other limits when given', () => {
    const other = edgeStack(new App({ outdir: fs.mkdtempSync(path.join(tmp, 'other-')) }), 'Other')
    mountEdge(other, { authRequestsPerWindow: 20, windowSeconds: 60 })
    const [acl] = Object.values(Template.fromStack(other).findResources('AWS::WAFv2::WebACL'))
    expect(acl!.Properties.Rules[0].Statement.RateBasedStatement).toMatchObject({ Limit: 20, EvaluationWindowSec: 60 })
  })
})
