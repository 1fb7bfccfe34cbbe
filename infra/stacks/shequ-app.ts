import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { DeploymentConfig } from '../config.js';
import { ShequStack } from './shequ-stack.js';

/** The deployment: one stack per configuration, checked by cdk-nag's AWS Solutions rules at every synth. */
export function composeShequApp(app: App, config: DeploymentConfig): ShequStack {
  const stack = new ShequStack(app, config.stackName, {
    config,
    env: { region: config.region, ...(config.account ? { account: config.account } : {}) },
    description: `Shequ community administration platform (${config.provinceName}, driver ${config.databaseDriver})`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
