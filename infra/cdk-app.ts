/**
 * `npm run synth` → cdk.out/Wengang.template.json. Deploy with the CDK CLI from the synthesized
 * assembly (`cdk deploy --app cdk.out`); see docs/infrastructure.md.
 */
import { App, CfnOutput, Stack } from 'aws-cdk-lib'
import { mountWengang } from './stack.js'

// Environment-agnostic on purpose: synth needs no AWS account, region or credentials.
// CDK_OUTDIR is what the cdk CLI sets when it runs this file; tests use it to synth elsewhere.
const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' })
const stack = new Stack(app, 'Wengang', {
  description: 'Wengang (稳岗通): table, API and portal',
})
const { outputs } = mountWengang(stack)
for (const [name, value] of Object.entries(outputs)) {
  new CfnOutput(stack, name, { value })
}
app.synth()
