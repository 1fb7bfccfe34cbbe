import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { loadDeploymentConfig } from '../../infra/config.js';
import { composeShequApp } from '../../infra/stacks/shequ-app.js';
import type { ShequStack } from '../../infra/stacks/shequ-stack.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

export interface Synthesised {
  app: App;
  stack: ShequStack;
  template: Template;
}

/**
 * The app exactly as `cdk synth` builds it from cdk.json (cdk-nag included, so a violation fails here), for one
 * profile. Bundling is skipped unless asked for: esbuild's output is checked by `npm run synth` and the bench.
 */
export function synthesise(profile: string, options: { bundle?: boolean; context?: Record<string, unknown> } = {}): Synthesised {
  const app = new App({
    context: {
      ...cdkJson.context,
      profile,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const stack = composeShequApp(app, loadDeploymentConfig(app.node, {}));
  return { app, stack, template: Template.fromStack(stack) };
}

type Resource = { Type: string; Properties?: Record<string, any>; DependsOn?: string[] };

export function resourcesOfType(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}
