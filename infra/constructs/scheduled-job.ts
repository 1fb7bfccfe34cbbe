import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { ShequFunction, type FunctionSettings } from './shequ-function.js';

/** Asia/Shanghai has had no daylight saving since 1991, so a fixed UTC+8 offset is exact all year. */
export function dailyAtShanghai(time: `${number}:${number}`): Schedule {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return Schedule.cron({ hour: String((hour + 24 - 8) % 24), minute: String(minute) });
}

export interface ScheduledJobProps {
  entry: string;
  description: string;
  schedule: Schedule;
  settings: FunctionSettings;
  timeout: Duration;
  environment?: Record<string, string>;
}

/** An EventBridge rule that invokes a sweep function. */
export class ScheduledJob extends Construct {
  readonly job: ShequFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    this.job = new ShequFunction(this, 'Job', {
      entry: props.entry,
      description: props.description,
      settings: props.settings,
      timeout: props.timeout,
      usesDatabase: true,
      ...(props.environment ? { environment: props.environment } : {}),
    });
    this.rule = new Rule(this, 'Rule', { description: props.description, schedule: props.schedule });
    this.rule.addTarget(new LambdaFunction(this.job.function, { retryAttempts: 2, maxEventAge: Duration.hours(1) }));
  }
}
