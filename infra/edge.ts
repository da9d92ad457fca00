import { Aspects, Stack, type StackProps } from 'aws-cdk-lib'
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2'
import { Construct } from 'constructs'
import { SilenceRedundantRoleDependsOn, silenceRedundantDependsOnOfReferenceProviders } from './lint.js'

/** A web ACL for CloudFront must be created in us-east-1, whatever region the rest of Wengang is in. */
export const EDGE_REGION = 'us-east-1'

/** Requests to /api/auth/ (codes and sign-in) one address may make in the window before WAF answers 429. */
export interface EdgeProps {
  /** Per address and window; WAF's minimum is 10. */
  authRequestsPerWindow?: number
  /** 60, 120, 300 or 600 seconds. */
  windowSeconds?: 60 | 120 | 300 | 600
}

export const AUTH_PATH_PREFIX = '/api/auth/'
export const AUTH_RATE_DEFAULTS = { authRequestsPerWindow: 100, windowSeconds: 300 } as const

/**
 * AWS WAF in front of CloudFront: a rate-based rule on requests whose path starts with /api/auth/,
 * counted per viewer address at the edge, before any Lambda runs. Coarse on purpose (mobile carriers
 * put many people behind one address): the API's own per-client and hourly limits are the exact ones.
 */
export class Edge extends Construct {
  readonly webAcl: CfnWebACL

  constructor(scope: Construct, id: string, props: EdgeProps = {}) {
    super(scope, id)
    const limit = props.authRequestsPerWindow ?? AUTH_RATE_DEFAULTS.authRequestsPerWindow
    const window = props.windowSeconds ?? AUTH_RATE_DEFAULTS.windowSeconds
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName })
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Wengang: rate limit on sign-in requests to /api/auth/ per viewer address',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('wengang-edge'),
      customResponseBodies: {
        tooMany: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ code: 'edge.tooMany', message: '请求过于频繁，请稍后再试', messageEn: 'Too many requests; try again later' }),
        },
      },
      rules: [
        {
          name: 'auth-rate-per-ip',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'tooMany', responseHeaders: [{ name: 'retry-after', value: String(window) }] } } },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit,
              evaluationWindowSec: window,
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: AUTH_PATH_PREFIX,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('wengang-auth-rate'),
        },
      ],
    })
  }
}

/** What the edge stack holds; `webAclArn` is what the distribution is attached to. */
export function mountEdge(scope: Construct, props: EdgeProps = {}): { edge: Edge; webAclArn: string } {
  Aspects.of(scope).add(new SilenceRedundantRoleDependsOn())
  const edge = new Edge(scope, 'Edge', props)
  return { edge, webAclArn: edge.webAcl.attrArn }
}

/** The us-east-1 stack of the CDK app; its web ACL's ARN reaches the main stack as a cross-region reference. */
export function edgeStack(scope: Construct, id: string, props: StackProps = {}): Stack {
  const stack = new Stack(scope, id, { ...props, env: { ...props.env, region: EDGE_REGION }, crossRegionReferences: true })
  silenceRedundantDependsOnOfReferenceProviders(stack)
  return stack
}
