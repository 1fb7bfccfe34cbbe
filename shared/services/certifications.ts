import { desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { serviceUnitCertifications, serviceUnits } from '../../db/schema/services.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, unitCovers } from '../auth/principal.js';
import type { Call } from '../context.js';
import { isoDaysBetween, shanghaiDate } from '../dates.js';
import { AppError, notFound, type FieldProblem } from '../errors.js';
import { newId } from '../ids.js';
import { common } from '../messages.js';
import { notify } from '../notifications/service.js';
import type { QueueMessage } from '../queues.js';
import { recordSweepRun } from '../sweeps/service.js';
import { shanghaiDay } from '../time.js';
import type { MessageCall } from '../workers/process.js';
import { msg } from './messages.js';
import { certificationReminderDays, certificationStage, certificationStatus, certificationStatusLabels, serviceWriters, type CertificationReminderStage } from './rules.js';
import type { CertificationHistoryView, CertificationInput, CertificationStateView, CertificationView } from './schemas.js';

type CertificationRow = typeof serviceUnitCertifications.$inferSelect;

const certificationView = (c: CertificationRow): CertificationView => ({
  id: c.id,
  certifyingBody: c.certifyingBody,
  certificateNumber: c.certificateNumber,
  certifiedOn: c.certifiedOn,
  expiresOn: c.expiresOn,
  recordedAt: c.createdAt.toISOString(),
});

/** The current certification of a unit as of a day: the latest certified certificate, its status and the days left. */
export function certificationState(current: CertificationRow | undefined, today: string): CertificationStateView {
  const status = certificationStatus(current?.expiresOn ?? null, today);
  return {
    status,
    statusLabel: certificationStatusLabels[status],
    daysLeft: current ? isoDaysBetween(today, current.expiresOn) : null,
    current: current ? certificationView(current) : null,
  };
}

/** The current certificate of each of the units (latest certified first, then latest recorded): one statement. */
export async function currentCertifications(tx: Tx, serviceUnitIds: string[]): Promise<Map<string, CertificationRow>> {
  if (!serviceUnitIds.length) return new Map();
  const rows = await tx
    .selectDistinctOn([serviceUnitCertifications.serviceUnitId])
    .from(serviceUnitCertifications)
    .where(inArray(serviceUnitCertifications.serviceUnitId, serviceUnitIds))
    .orderBy(serviceUnitCertifications.serviceUnitId, desc(serviceUnitCertifications.certifiedOn), desc(serviceUnitCertifications.createdAt), desc(serviceUnitCertifications.id));
  return new Map(rows.map((r) => [r.serviceUnitId, r]));
}

async function loadUnit(tx: Tx, unit: string, id: string) {
  const [row] = await tx.select({ id: serviceUnits.id, unitCode: serviceUnits.unitCode }).from(serviceUnits).where(eq(serviceUnits.id, id));
  if (!row || !unitCovers(unit, row.unitCode)) throw notFound(msg.service_unit_not_found({ id }));
  return row;
}

async function historyView(tx: Tx, serviceUnitId: string, today: string): Promise<CertificationHistoryView> {
  const history = await tx
    .select()
    .from(serviceUnitCertifications)
    .where(eq(serviceUnitCertifications.serviceUnitId, serviceUnitId))
    .orderBy(desc(serviceUnitCertifications.certifiedOn), desc(serviceUnitCertifications.createdAt), desc(serviceUnitCertifications.id));
  return { serviceUnitId, ...certificationState(history[0], today), history: history.map(certificationView) };
}

/** 行业管理和认证制度: a service unit's certificates, latest first, with the current one's status today. */
export async function listCertifications({ ctx, input }: Call<{ id: string }>): Promise<CertificationHistoryView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const unit = await loadUnit(tx, principal.unit, input.id);
    return historyView(tx, unit.id, shanghaiDate(ctx.clock.now()));
  });
}

/**
 * Record a certificate, or renew one: a renewal is the next certificate, certified after the current one (not after
 * today) and expiring after it was certified. The latest certified is current; its reminders start afresh.
 */
export async function recordCertification({ ctx, input }: Call<CertificationInput & { id: string }>): Promise<CertificationHistoryView> {
  const principal = requireCity(ctx.principal, serviceWriters);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const problems: FieldProblem[] = [];
  if (input.certifiedOn > today) problems.push({ path: 'body.certifiedOn', message: common.not_after_today({ day: today }) });
  if (input.expiresOn <= input.certifiedOn) problems.push({ path: 'body.expiresOn', message: msg.certification_expires_before_certified() });
  if (problems.length) throw new AppError('validation_failed', msg.certification_dates_invalid(), { errors: problems });
  return withTenant(ctx.db, principal, async (tx) => {
    const unit = await loadUnit(tx, principal.unit, input.id);
    const current = (await currentCertifications(tx, [unit.id])).get(unit.id);
    if (current && input.certifiedOn <= current.certifiedOn) {
      throw new AppError('rule_violation', msg.certification_renewal_not_later({ certifiedOn: current.certifiedOn }), {
        errors: [{ path: 'body.certifiedOn', message: msg.certification_renewal_not_later({ certifiedOn: current.certifiedOn }) }],
      });
    }
    const id = newId(now.getTime());
    await tx.insert(serviceUnitCertifications).values({
      id, tenantId: principal.tenant, serviceUnitId: unit.id, certifyingBody: input.certifyingBody, certificateNumber: input.certificateNumber,
      certifiedOn: input.certifiedOn, expiresOn: input.expiresOn, recordedBy: principal.subject, createdAt: now,
    });
    await recordAudit(tx, ctx, {
      action: current ? 'service_unit.certification_renewed' : 'service_unit.certified', entity: 'service_unit', entityId: unit.id,
      detail: { certificationId: id, certifiedOn: input.certifiedOn, expiresOn: input.expiresOn, previous: current?.id ?? null },
    });
    return historyView(tx, unit.id, today);
  });
}

interface DueCertificate {
  id: string;
  service_unit_id: string;
  unit_name: string;
  unit_code: string;
  community_name: string | null;
  certifying_body: string;
  certificate_number: string;
  expires_on: string;
}

/** Current certificates of the city expiring within the reminder window of `day`, or lapsed: the sweep's one read. */
function dueCertificates(tenant: string, day: string) {
  return sql`
    select c.id, c.service_unit_id, u.name as unit_name, u.unit_code, d.name as community_name, c.certifying_body, c.certificate_number,
      to_char(c.expires_on, 'YYYY-MM-DD') as expires_on
    from (select distinct on (service_unit_id) * from service_unit_certifications where tenant_id = ${tenant}
          order by service_unit_id, certified_on desc, created_at desc, id desc) c
    join service_units u on u.id = c.service_unit_id
    left join divisions d on d.code = u.unit_code and (d.valid_from is null or d.valid_from <= ${day}::date) and (d.valid_to is null or d.valid_to > ${day}::date)
    where c.expires_on <= ${day}::date + ${certificationReminderDays}::int
    order by u.unit_code, u.name`;
}

/** The units told: the unit the service unit belongs to, and its street when that is a community. */
const recipientsOf = (unitCode: string) => (unitCode.length === 12 ? [unitCode, unitCode.slice(0, 9)] : [unitCode]);

type CertificationCall = MessageCall<Extract<QueueMessage<'serviceReminders'>, { type: 'certification.sweep' }>>;

/**
 * The daily sweep of one city: each current certificate that has reached a stage (30 days before its expiry day, then
 * lapsed) is told to its community and street once per (certificate, stage, unit), by the notification's dedup key, so
 * a redelivered or repeated sweep sends nothing twice and a missed week sends only the latest stage.
 */
export async function runCertificationSweep(call: CertificationCall) {
  const { ctx, tx, input } = call;
  const run = await recordSweepRun(call);
  const day = shanghaiDay(new Date(input.asOf));
  const due = rowsOf<DueCertificate>(await tx.execute(dueCertificates(input.tenant, day)));
  let sent = 0;
  for (const c of due) {
    const stage: CertificationReminderStage = certificationStage(c.expires_on, day)!;
    const params = {
      unit: c.unit_name, community: c.community_name ?? c.unit_code, number: c.certificate_number, body: c.certifying_body,
      expiresOn: c.expires_on, days: String(isoDaysBetween(day, c.expires_on)),
    };
    for (const unit of recipientsOf(c.unit_code)) {
      const { created } = await notify({
        ctx, tx,
        input: {
          recipient: { kind: 'unit', id: unit }, reasonCode: `certification.${stage}`, reason: msg['certification.reminder.reason']().text('zh'),
          title: msg[`certification.reminder.${stage}.title`](params).text('zh'), body: msg[`certification.reminder.${stage}.body`](params).text('zh'),
          link: `/v1/service-units/${c.service_unit_id}`, dedupKey: `certification:${c.id}:${stage}:${unit}`,
        },
      });
      if (created) sent++;
    }
  }
  return { day: run.day, recorded: run.recorded, due: due.length, notifications: sent };
}

