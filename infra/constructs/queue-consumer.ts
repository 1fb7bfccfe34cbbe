import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDefinition } from '../../shared/queues.js';
import type { AlarmTopic } from './alarm-topic.js';
import { ShequFunction, type FunctionSettings } from './shequ-function.js';

export interface QueueConsumerProps {
  definition: QueueDefinition;
  settings: FunctionSettings;
  alarms: AlarmTopic;
  environment?: Record<string, string>;
}

/** One catalogue queue: the queue, its DLQ, the worker behind an SQS event source, and an alarm on dead letters. */
export class QueueConsumer extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly worker: ShequFunction;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: QueueConsumerProps) {
    super(scope, id);
    const { definition } = props;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(definition.dlqRetentionDays),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This is the dead-letter queue of ${definition.name}; a DLQ of a DLQ would hide failures instead of alarming on them.`,
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
    });
    this.worker = new ShequFunction(this, 'Worker', {
      entry: `functions/workers/${definition.name}.ts`,
      description: definition.description,
      settings: props.settings,
      timeout: Duration.seconds(definition.functionTimeoutSeconds),
      usesDatabase: true,
      ...(props.environment ? { environment: props.environment } : {}),
    });
    this.worker.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: definition.batchSize,
        maxConcurrency: definition.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: `Messages of ${definition.name} failed ${definition.maxReceiveCount} times and wait in its DLQ; inspect and redrive them.`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    props.alarms.notify(this.deadLetterAlarm);
  }
}
