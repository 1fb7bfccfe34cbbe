import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { synthesise } from './synth.js';

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
  );
}

describe.each(['neon', 'china'])('cdk-nag AwsSolutionsChecks on the %s profile', (profile) => {
  const { app } = synthesise(profile);

  it('reports no unacknowledged finding', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('gives every acknowledgement a specific reason', () => {
    const acknowledged = acknowledgements(app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledged) {
      expect(id, path).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(reason.length, `${path} ${id}`).toBeGreaterThanOrEqual(60);
      expect(reason, `${path} ${id}`).not.toMatch(/^(n\/a|none|suppressed|not needed|ok)\b/i);
    }
  });
});

describe('the synth-time check', () => {
  it('fails the synth on a finding nobody acknowledged', () => {
    const { app, stack } = synthesise('neon', { context: { 'aws:cdk:bundling-stacks': [] } });
    new Queue(stack, 'CarelessQueue');
    expect(() => app.synth({ force: true })).toThrow(/AwsSolutions-SQS3|AwsSolutions-SQS4|validation/i);
  });
});
