import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { tenants } from '../../db/schema/index.js';
import { inspectionChecklists, inspectionSubmissions, inspectionSubmissionUnits, spotChecks, spotCheckUnits } from '../../db/schema/reform.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { requireProvince } from '../auth/principal.js';
import type { Call } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { checklistProblems, checklistPublishers, drawSample, findingLabels, reformProvinceReaders, samplingAlgorithm, sortFrame, spotCheckers, type FrameUnit, type SampleSizes } from './rules.js';
import type { ChecklistInput, ChecklistView, SpotCheckFrameView, SpotCheckInput, SpotCheckView, SubmissionView } from './schemas.js';
import { latestChecklist } from './service.js';
import { msg } from './messages.js';


const checklistView = (r: typeof inspectionChecklists.$inferSelect): ChecklistView => ({
  id: r.id,
  version: r.version,
  title: r.title,
  items: r.items,
  publishedAt: r.publishedAt.toISOString(),
});

export async function getChecklist({ ctx }: Call<Record<string, never>>): Promise<ChecklistView> {
  requireProvince(ctx.principal, reformProvinceReaders);
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const row = await latestChecklist(tx);
    if (!row) throw notFound(msg.checklist_not_found());
    return checklistView(row);
  });
}

/** Publishes a new checklist version; self-inspections already started keep the version they started on. */
export async function publishChecklist({ ctx, input }: Call<ChecklistInput>): Promise<ChecklistView> {
  const principal = requireProvince(ctx.principal, checklistPublishers);
  const problems = checklistProblems(input.items);
  if (problems.length) throw new AppError('validation_failed', msg.checklist_inconsistent(), { errors: problems });
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inspection-checklist'))`);
    const version = ((await latestChecklist(tx))?.version ?? 0) + 1;
    const [row] = await tx
      .insert(inspectionChecklists)
      .values({ id: newId(now.getTime()), version, title: input.title, items: input.items, publishedBy: principal.subject, publishedAt: now })
      .returning();
    await recordAudit(tx, ctx, { action: 'checklist.published', entity: 'inspection_checklist', entityId: row!.id, detail: { version, items: input.items.length } });
    return checklistView(row!);
  });
}

type SubmissionRow = typeof inspectionSubmissions.$inferSelect;

async function submissionViews(tx: Tx, rows: SubmissionRow[]): Promise<SubmissionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counts = await tx
    .select({ submissionId: inspectionSubmissionUnits.submissionId, level: inspectionSubmissionUnits.level, n: sql<number>`count(*)::int` })
    .from(inspectionSubmissionUnits)
    .where(inArray(inspectionSubmissionUnits.submissionId, ids))
    .groupBy(inspectionSubmissionUnits.submissionId, inspectionSubmissionUnits.level);
  const names = new Map((await tx.select({ code: tenants.code, name: tenants.name }).from(tenants)).map((t) => [t.code, t.name]));
  const versions = new Map((await tx.select({ id: inspectionChecklists.id, version: inspectionChecklists.version }).from(inspectionChecklists)).map((c) => [c.id, c.version]));
  return rows.map((r) => {
    const unitCounts = { county: 0, township: 0, village: 0 };
    for (const c of counts) if (c.submissionId === r.id && c.level in unitCounts) unitCounts[c.level as keyof typeof unitCounts] = c.n;
    return {
      id: r.id,
      city: { code: r.tenantId, name: names.get(r.tenantId) ?? r.tenantId },
      unitCode: r.unitCode,
      unitName: r.unitName,
      unitLevel: r.unitLevel,
      checklistId: r.checklistId,
      checklistVersion: versions.get(r.checklistId) ?? 0,
      submittedAt: r.submittedAt.toISOString(),
      results: r.results,
      unitCounts,
    };
  });
}

/** What cities have submitted for inspection: the province's only window onto their self-inspections. */
export async function listSubmissions({ ctx, input }: Call<{ city?: string | undefined; checklistId?: string | undefined }>): Promise<SubmissionView[]> {
  requireProvince(ctx.principal, reformProvinceReaders);
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const rows = await tx
      .select()
      .from(inspectionSubmissions)
      .where(and(input.city ? eq(inspectionSubmissions.tenantId, input.city) : undefined, input.checklistId ? eq(inspectionSubmissions.checklistId, input.checklistId) : undefined))
      .orderBy(asc(inspectionSubmissions.tenantId), asc(inspectionSubmissions.unitCode));
    return submissionViews(tx, rows);
  });
}

export async function getSubmission({ ctx, input }: Call<{ id: string }>): Promise<SubmissionView & { units: { code: string; name: string; level: string }[] }> {
  requireProvince(ctx.principal, reformProvinceReaders);
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const [row] = await tx.select().from(inspectionSubmissions).where(eq(inspectionSubmissions.id, input.id));
    if (!row) throw notFound(msg.inspection_submission_not_found({ id: input.id }));
    const units = await tx
      .select({ code: inspectionSubmissionUnits.code, name: inspectionSubmissionUnits.name, level: inspectionSubmissionUnits.level })
      .from(inspectionSubmissionUnits)
      .where(and(eq(inspectionSubmissionUnits.tenantId, row.tenantId), eq(inspectionSubmissionUnits.submissionId, row.id)))
      .orderBy(asc(inspectionSubmissionUnits.code));
    const [view] = await submissionViews(tx, [row]);
    return { ...view!, units };
  });
}

/** SHA-256 of the canonical frame (JSON of {tenant, level, code, name} in canonical order), hex. */
export async function frameDigest(frame: FrameUnit[]): Promise<string> {
  const canonical = JSON.stringify(sortFrame(frame).map((u) => ({ tenant: u.tenant, level: u.level, code: u.code, name: u.name })));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0]!;

type SpotCheckRow = typeof spotChecks.$inferSelect;

async function spotCheckView(tx: Tx, row: SpotCheckRow): Promise<SpotCheckView> {
  const sample = await tx.select().from(spotCheckUnits).where(eq(spotCheckUnits.spotCheckId, row.id)).orderBy(asc(spotCheckUnits.position));
  return {
    id: row.id,
    title: row.title,
    checklistId: row.checklistId,
    seed: row.seed,
    algorithm: row.algorithm,
    sizes: row.sizes,
    cities: row.cities,
    frameSize: row.frame.length,
    frameSha256: row.frameSha256,
    createdAt: row.createdAt.toISOString(),
    sample: sample.map((u) => ({
      position: u.position,
      tenant: u.tenant,
      level: u.level as FrameUnit['level'],
      code: u.code,
      name: u.name,
      finding: u.finding,
      findingLabel: u.finding ? findingLabels[u.finding] : null,
      findingNotes: u.findingNotes,
      recordedAt: u.recordedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * 抽查验收: the frame is every district, street and community named in the submitted self-inspections on the checklist
 * (one row per code, its name from the latest submission), in canonical order; the sample is drawSample(frame, seed).
 */
export async function createSpotCheck({ ctx, input }: Call<SpotCheckInput>): Promise<SpotCheckView> {
  const principal = requireProvince(ctx.principal, spotCheckers);
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    const checklistRow = input.checklistId
      ? (await tx.select().from(inspectionChecklists).where(eq(inspectionChecklists.id, input.checklistId)))[0]
      : await latestChecklist(tx);
    if (!checklistRow) throw notFound(msg.checklist_not_found());
    const cityFilter = input.cities?.length ? sql`and s.tenant_id in (${sql.join(input.cities.map((c) => sql`${c}`), sql`, `)})` : sql``;
    const frameRows = rowsOf<FrameUnit>(
      await tx.execute(sql`
        select distinct on (u.code) u.tenant_id as tenant, u.level, u.code, u.name
        from inspection_submission_units u
        join inspection_submissions s on s.tenant_id = u.tenant_id and s.id = u.submission_id
        where s.checklist_id = ${checklistRow.id} and u.level in ('county', 'township', 'village') ${cityFilter}
        order by u.code, s.submitted_at desc`),
    );
    if (frameRows.length === 0) throw new AppError('conflict', msg.nothing_to_sample());
    const frame = sortFrame(frameRows.map((u) => ({ tenant: u.tenant, level: u.level, code: u.code, name: u.name })));
    const seed = input.seed ?? randomSeed();
    const sizes: SampleSizes = input.sample;
    const sample = drawSample(frame, seed, sizes);
    const id = newId(now.getTime());
    const [row] = await tx
      .insert(spotChecks)
      .values({
        id,
        title: input.title,
        checklistId: checklistRow.id,
        seed,
        algorithm: samplingAlgorithm,
        sizes,
        cities: [...new Set(frame.map((u) => u.tenant))].sort(),
        frame,
        frameSha256: await frameDigest(frame),
        createdBy: principal.subject,
        createdAt: now,
      })
      .returning();
    if (sample.length) {
      await tx.insert(spotCheckUnits).values(sample.map((u, position) => ({ spotCheckId: id, position, tenant: u.tenant, code: u.code, name: u.name, level: u.level })));
    }
    await recordAudit(tx, ctx, { action: 'spot_check.drawn', entity: 'spot_check', entityId: id, detail: { seed, sizes, frameSize: frame.length, sampled: sample.length } });
    return spotCheckView(tx, row!);
  });
}

async function loadSpotCheck(tx: Tx, id: string): Promise<SpotCheckRow> {
  const [row] = await tx.select().from(spotChecks).where(eq(spotChecks.id, id));
  if (!row) throw notFound(msg.spot_check_not_found({ id }));
  return row;
}

export async function getSpotCheck({ ctx, input }: Call<{ id: string }>): Promise<SpotCheckView> {
  requireProvince(ctx.principal, reformProvinceReaders);
  return withTenant(ctx.db, ctx.principal, async (tx) => spotCheckView(tx, await loadSpotCheck(tx, input.id)));
}

export async function listSpotChecks({ ctx }: Call<Record<string, never>>): Promise<SpotCheckView[]> {
  requireProvince(ctx.principal, reformProvinceReaders);
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const rows = await tx.select().from(spotChecks).orderBy(desc(spotChecks.createdAt));
    const views: SpotCheckView[] = [];
    for (const row of rows) views.push(await spotCheckView(tx, row));
    return views;
  });
}

const storedFrame = (row: SpotCheckRow): FrameUnit[] =>
  row.frame.map((u) => ({ tenant: u.tenant, level: u.level, code: u.code, name: u.name }));

export async function getSpotCheckFrame({ ctx, input }: Call<{ id: string }>): Promise<SpotCheckFrameView> {
  requireProvince(ctx.principal, reformProvinceReaders);
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const row = await loadSpotCheck(tx, input.id);
    return { seed: row.seed, algorithm: row.algorithm, sizes: row.sizes, frameSha256: row.frameSha256, frame: sortFrame(storedFrame(row)) };
  });
}

/** Redraws the sample from the stored frame and seed, and says whether it is the sample on record. */
export async function redrawSpotCheck({ ctx, input }: Call<{ id: string }>): Promise<{ matches: boolean; frameIntact: boolean; sample: FrameUnit[] }> {
  requireProvince(ctx.principal, reformProvinceReaders);
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const row = await loadSpotCheck(tx, input.id);
    const frame = storedFrame(row);
    const sample = drawSample(frame, row.seed, row.sizes);
    const recorded = await tx.select({ code: spotCheckUnits.code }).from(spotCheckUnits).where(eq(spotCheckUnits.spotCheckId, row.id)).orderBy(asc(spotCheckUnits.position));
    return {
      matches: sample.length === recorded.length && sample.every((u, i) => u.code === recorded[i]!.code),
      frameIntact: (await frameDigest(frame)) === row.frameSha256,
      sample,
    };
  });
}

export async function recordFinding({ ctx, input }: Call<{ id: string; code: string; result: SpotCheckView['sample'][number]['finding'] & string; notes?: string | undefined }>): Promise<SpotCheckView> {
  const principal = requireProvince(ctx.principal, spotCheckers);
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadSpotCheck(tx, input.id);
    const updated = await tx
      .update(spotCheckUnits)
      .set({ finding: input.result, findingNotes: input.notes ?? null, recordedBy: principal.subject, recordedAt: now })
      .where(and(eq(spotCheckUnits.spotCheckId, row.id), eq(spotCheckUnits.code, input.code)))
      .returning({ code: spotCheckUnits.code });
    if (updated.length === 0) throw notFound(msg.unit_not_in_spot_check_sample({ code: input.code, id: input.id }));
    await recordAudit(tx, ctx, { action: 'spot_check.finding_recorded', entity: 'spot_check', entityId: row.id, detail: { code: input.code, result: input.result } });
    return spotCheckView(tx, row);
  });
}
