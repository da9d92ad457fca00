/**
 * `npm run synth` → cdk.out/Wengang.template.json and cdk.out/WengangEdge.template.json. Deploy with
 * the CDK CLI from the synthesized assembly (`cdk deploy --app cdk.out --all`); see docs/infrastructure.md.
 */
import { App, CfnOutput, Stack } from 'aws-cdk-lib'
import { edgeStack, mountEdge } from './edge.js'
import { silenceRedundantDependsOnOfReferenceProviders } from './lint.js'
import { smsPropsFromContext } from './sms.js'
import { mountWengang, WENGANG_REGION } from './stack.js'

// No account, no credentials: synth runs offline. The regions are explicit because the web ACL a
// CloudFront distribution uses must live in us-east-1, and its ARN crosses to the main stack as a
// cross-region reference (CDK writes it to SSM in the main stack's region and reads it there).
// CDK_OUTDIR is what the cdk CLI sets when it runs this file; tests use it to synth elsewhere.
const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' })
const edge = edgeStack(app, 'WengangEdge', { description: 'Wengang (稳岗通): AWS WAF web ACL for CloudFront (us-east-1)' })
const { webAclArn } = mountEdge(edge)
new CfnOutput(edge, 'WebAclArn', { value: webAclArn })

const stack = new Stack(app, 'Wengang', {
  description: 'Wengang (稳岗通): table, API and portal',
  env: { region: process.env.CDK_DEFAULT_REGION ?? WENGANG_REGION },
  crossRegionReferences: true,
})
silenceRedundantDependsOnOfReferenceProviders(stack)
// SMS settings come from context: `cdk synth --app 'npx tsx infra/cdk-app.ts' -c smsProvider=aliyun …` (docs/infrastructure.md).
const { outputs } = mountWengang(stack, { webAclArn, sms: smsPropsFromContext(app.node) })
for (const [name, value] of Object.entries(outputs)) {
  new CfnOutput(stack, name, { value })
}
app.synth()
