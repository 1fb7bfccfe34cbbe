import { Unit } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export const metricsNamespace = 'Shequ';

export interface TenantMetricsProps {
  /** The API function's log group, where every request ends with one JSON `request` line carrying `tenant`. */
  apiLogs: ILogGroup;
}

/**
 * Per-tenant request, error and latency metrics with a Tenant dimension, extracted from the API's structured
 * request log by metric filters, so no handler code knows about CloudWatch.
 */
export class TenantMetrics extends Construct {
  readonly filters: MetricFilter[];

  constructor(scope: Construct, id: string, props: TenantMetricsProps) {
    super(scope, id);
    const tenantRequest = (extra?: ReturnType<typeof FilterPattern.numberValue>) =>
      FilterPattern.all(FilterPattern.stringValue('$.message', '=', 'request'), FilterPattern.exists('$.tenant'), ...(extra ? [extra] : []));
    const dimensions = { Tenant: '$.tenant' };
    this.filters = [
      new MetricFilter(this, 'Requests', {
        logGroup: props.apiLogs, metricNamespace: metricsNamespace, metricName: 'TenantRequests', metricValue: '1', dimensions, unit: Unit.COUNT,
        filterPattern: tenantRequest(),
      }),
      new MetricFilter(this, 'ServerErrors', {
        logGroup: props.apiLogs, metricNamespace: metricsNamespace, metricName: 'TenantServerErrors', metricValue: '1', dimensions, unit: Unit.COUNT,
        filterPattern: tenantRequest(FilterPattern.numberValue('$.status', '>=', 500)),
      }),
      new MetricFilter(this, 'Latency', {
        logGroup: props.apiLogs, metricNamespace: metricsNamespace, metricName: 'TenantRequestLatency', metricValue: '$.ms', dimensions, unit: Unit.MILLISECONDS,
        filterPattern: tenantRequest(),
      }),
    ];
  }
}
