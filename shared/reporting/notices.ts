import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { reports, reportSnapshots } from '../../db/schema/reporting.js';
import { tenants } from '../../db/schema/index.js';
import type { Call, ServiceContext } from '../context.js';
import { messageIn } from '../i18n.js';
import { notify } from '../notifications/service.js';
import { enqueue } from '../outbox/enqueue.js';
import type { QueueMessage } from '../queues.js';
import { readProvinceSettings } from '../settings/service.js';
import { shanghaiTime } from '../time.js';
import { readTrainingSettings } from '../training/service.js';
import { reportingMessages, type ReportingMessageCode } from './messages.js';
import { periodLabel, type ReminderStage } from './rules.js';
import { loadPeriod } from './templates.js';

type NoticeMessage = Extract<QueueMessage<'reportAggregation'>, { type: 'report.notice' }>;
export type ReportEvent = NoticeMessage['event'];

/** A notice's text in Simplified Chinese, from the module's catalogue: what the inbox and the mail show. */
const zh = (code: ReportingMessageCode, params: Record<string, string>) => messageIn(reportingMessages, code, params).text('zh');
/** An instant as officials read it: Asia/Shanghai, to the minute. */
const local = (at: Date) => shanghaiTime(at).slice(0, 16).replace('T', ' ');

async function cityName(tx: Tx, tenant: string): Promise<string> {
  const [row] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.code, tenant));
  return row?.name ?? tenant;
}

/** The city's mailbox: the unit mailbox its settings give the city itself (the same list training reminders use). */
export async function cityMailbox(tx: Tx, tenant: string): Promise<string | null> {
  return (await readTrainingSettings(tx, tenant)).unitEmails[tenant] ?? null;
}

/**
 * Queues the notice of a report event in the caller's transaction (the city's, or the province's with the city set):
 * the worker writes the inbox row and sends the mail, so a request never waits on mail and a rollback sends nothing.
 */
export async function enqueueReportNotice(tx: Tx, ctx: ServiceContext, input: Omit<NoticeMessage, 'version' | 'type'>): Promise<void> {
  await enqueue(tx, ctx, 'reportAggregation', { version: 1, type: 'report.notice', ...input });
}

/**
 * The report.notice verb: the province is told when a city submits, resubmits or starts revising; the city when the
 * province accepts or returns its report (with the comment). Each (report version, event) notifies once: the
 * notification's dedup key, on top of the queue's own de-duplication.
 */
export async function sendReportNotice({ ctx, tx, input }: Call<NoticeMessage> & { tx: Tx; messageKey?: string }): Promise<{ created: boolean }> {
  const [report] = await tx.select().from(reports).where(eq(reports.id, input.reportId));
  if (!report) throw new Error(`report ${input.reportId} of ${input.tenant} not found`);
  const { template, period } = await loadPeriod(tx, report.templateId, report.period);
  const [snapshot] = input.snapshotId ? await tx.select().from(reportSnapshots).where(eq(reportSnapshots.id, input.snapshotId)) : [];
  if (input.event !== 'revised' && !snapshot) throw new Error(`snapshot ${input.snapshotId} of report ${input.reportId} not found`);
  const city = await cityName(tx, input.tenant);
  const params = { city, title: template.title, period: periodLabel(report.period), version: String(input.reportVersion), dueOn: period.dueOn };
  const province = { kind: 'province' as const, id: ctx.config.provinceCode };
  const toProvince = async (reasonCode: string, title: string, body: string, link: string, dedupKey: string) =>
    notify({ ctx, tx, input: { recipient: province, reasonCode, reason: zh('report.notice.reason.submission', { city }), title, body, link, email: (await readProvinceSettings(tx)).noticeEmail, dedupKey } });
  const toCity = async (reasonCode: string, title: string, body: string, dedupKey: string) =>
    notify({ ctx, tx, input: { recipient: { kind: 'unit', id: input.tenant }, reasonCode, reason: zh('report.notice.reason.review', {}), title, body, link: `/v1/reports/${report.id}`, email: await cityMailbox(tx, input.tenant), dedupKey } });

  let result: { created: boolean };
  switch (input.event) {
    case 'submitted': {
      const at = { ...params, at: local(snapshot!.submittedAt) };
      const title = input.reportVersion > 1 ? zh('report.notice.resubmitted.title', at) : zh('report.notice.submitted.title', at);
      result = await toProvince(input.reportVersion > 1 ? 'report.resubmitted' : 'report.submitted', title, zh('report.notice.submitted.body', at), `/v1/province/reports/${snapshot!.id}`, `report:${snapshot!.id}:submitted`);
      break;
    }
    case 'revised': {
      const at = { ...params, at: local(report.updatedAt) };
      const link = `/v1/province/reports?template=${template.id}&period=${encodeURIComponent(report.period)}`;
      result = await toProvince('report.revised', zh('report.notice.revised.title', at), zh('report.notice.revised.body', at), link, `report:${report.id}:v${input.reportVersion}:revised`);
      break;
    }
    case 'returned': {
      const at = { ...params, at: local(snapshot!.reviewedAt ?? ctx.clock.now()), comment: snapshot!.reviewComment ?? '' };
      result = await toCity('report.returned', zh('report.notice.returned.title', at), zh('report.notice.returned.body', at), `report:${snapshot!.id}:returned`);
      break;
    }
    case 'accepted': {
      const comment = snapshot!.reviewComment ? zh('report.notice.accepted.comment', { comment: snapshot!.reviewComment }) : '';
      const at = { ...params, at: local(snapshot!.reviewedAt ?? ctx.clock.now()), comment };
      result = await toCity('report.accepted', zh('report.notice.accepted.title', at), zh('report.notice.accepted.body', at), `report:${snapshot!.id}:accepted`);
      break;
    }
  }
  return { created: result.created };
}

export interface OpenPeriodRow {
  template_id: string;
  title: string;
  period: string;
  opens_on: string;
  due_on: string;
  closes_on: string;
}

const periodLink = (r: OpenPeriodRow) => `/v1/reports?template=${r.template_id}&period=${encodeURIComponent(r.period)}`;

/** 报告期已开放: once per (template, period), on the first sweep after it opens, while the city has not submitted. */
export async function noticePeriodOpened(tx: Tx, ctx: ServiceContext, tenant: string, r: OpenPeriodRow): Promise<boolean> {
  const params = { city: await cityName(tx, tenant), title: r.title, period: periodLabel(r.period), opensOn: r.opens_on, dueOn: r.due_on, closesOn: r.closes_on };
  const { created } = await notify({
    ctx,
    tx,
    input: {
      recipient: { kind: 'unit', id: tenant },
      reasonCode: 'report.period_opened',
      reason: zh('report.notice.reason.deadline', params),
      title: zh('report.notice.opened.title', params),
      body: zh('report.notice.opened.body', params),
      link: periodLink(r),
      email: await cityMailbox(tx, tenant),
      dedupKey: `report:${r.template_id}:${r.period}:opened`,
    },
  });
  return created;
}

const stageTexts: Record<ReminderStage, { title: ReportingMessageCode; body: ReportingMessageCode }> = {
  due_in_14_days: { title: 'report.notice.due_in_14_days.title', body: 'report.notice.due.body' },
  due_in_3_days: { title: 'report.notice.due_in_3_days.title', body: 'report.notice.due.body' },
  late: { title: 'report.notice.late.title', body: 'report.notice.late.body' },
};

/** 截止提醒: 14 and 3 days before the due date and once late, to the city's inbox and mailbox. */
export async function noticeDeadline(tx: Tx, ctx: ServiceContext, tenant: string, r: OpenPeriodRow, stage: ReminderStage): Promise<void> {
  const params = { city: await cityName(tx, tenant), title: r.title, period: periodLabel(r.period), dueOn: r.due_on };
  await notify({
    ctx,
    tx,
    input: {
      recipient: { kind: 'unit', id: tenant },
      reasonCode: `report.${stage}`,
      reason: zh('report.notice.reason.deadline', params),
      title: zh(stageTexts[stage].title, params),
      body: zh(stageTexts[stage].body, params),
      link: periodLink(r),
      email: await cityMailbox(tx, tenant),
      dedupKey: `report:${r.template_id}:${r.period}:${stage}`,
    },
  });
}
