import type { SSTConfig } from 'sst'
import type { StackContext } from 'sst/constructs'
import { mountWengang } from './infra/stack.js'

/** SST v2's view of the app: the same constructs that infra/cdk-app.ts mounts, nothing more. */
export function Wengang({ stack }: StackContext): void {
  const { outputs } = mountWengang(stack)
  stack.addOutputs({ ...outputs })
}

export default {
  config() {
    // Tokyo: a standard (not opt-in) region near China. Mainland regions need a different
    // CloudFront setup and an ICP-licensed domain; see docs/infrastructure.md.
    return { name: 'wengang', region: 'ap-northeast-1' }
  },
  stacks(app) {
    app.stack(Wengang)
  },
} satisfies SSTConfig
