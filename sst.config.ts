import type { SSTConfig } from 'sst'
import type { StackContext } from 'sst/constructs'
import { smsPropsFromContext } from './infra/sms.js'
import { mountWengang, WENGANG_REGION } from './infra/stack.js'

/**
 * The CLOUDFRONT web ACL (infra/edge.ts) must live in us-east-1, and SST v2 deploys every stack of an
 * app in the app's one region (its maintainers advise a separate app for it: sst/sst#2493). So the
 * edge stack is deployed by the CDK app (`cdk deploy --app cdk.out WengangEdge`, output WebAclArn) and
 * its ARN is passed in here.
 */
function webAclArn(): string {
  const arn = process.env.WENGANG_WEB_ACL_ARN
  if (!arn) {
    throw new Error(
      'WENGANG_WEB_ACL_ARN is not set. Deploy the web ACL first: npm run synth && npx cdk deploy --app cdk.out WengangEdge, then set it to the WebAclArn output.',
    )
  }
  return arn
}

/** SST v2's view of the app: the same constructs that infra/cdk-app.ts mounts, nothing more. */
export function Wengang({ stack }: StackContext): void {
  // SMS settings: the `context` of cdk.json, which SST reads as the cdk CLI does (docs/infrastructure.md).
  const { outputs } = mountWengang(stack, { webAclArn: webAclArn(), sms: smsPropsFromContext(stack.node) })
  stack.addOutputs({ ...outputs })
}

export default {
  config() {
    // Tokyo: a standard (not opt-in) region near China. Mainland regions need a different
    // CloudFront setup and an ICP-licensed domain; see docs/infrastructure.md.
    return { name: 'wengang', region: WENGANG_REGION }
  },
  stacks(app) {
    app.stack(Wengang)
  },
} satisfies SSTConfig
