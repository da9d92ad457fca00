import { CfnResource, type IAspect, type Stack } from 'aws-cdk-lib'
import type { IConstruct } from 'constructs'

/**
 * aws-cdk-lib gives every Lambda function a DependsOn on its role although Properties.Role
 * already references it (GetAtt). cfn-lint reports that as W3005; it is redundant, not wrong,
 * and we cannot change what CDK renders, so the check is silenced on Lambda functions only
 * (ours, and the ones CDK makes for custom resources such as cross-region references).
 */
export class SilenceRedundantRoleDependsOn implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof CfnResource && node.cfnResourceType === 'AWS::Lambda::Function') {
      node.addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } })
    }
  }
}

/**
 * The same W3005 on the functions CDK adds for cross-region references (Custom::CrossRegionExport*).
 * CDK creates them while it resolves references, after aspects have run, so no aspect reaches them;
 * cfn-lint's template-level setting is the one place left. Only for stacks with crossRegionReferences.
 */
export function silenceRedundantDependsOnOfReferenceProviders(stack: Stack): void {
  stack.templateOptions.metadata = { ...stack.templateOptions.metadata, 'cfn-lint': { config: { ignore_checks: ['W3005'] } } }
}
