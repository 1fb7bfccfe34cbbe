import { and, asc, eq, like } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { divisions, memberUnits } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, hasRole, requireCity, roleLabel, unitCovers, type Principal } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound } from '../errors.js';
import { inForce } from '../hierarchy/service.js';
import { newId } from '../ids.js';
import { maskPhone, parsePhone } from '../personal-data/identifiers.js';
import { authoriseReveal, personalDataCipher, shownValue } from '../personal-data/service.js';
import type { FieldCipher } from '../personal-data/envelope.js';
import { unitNames } from './agenda.js';
import { memberUnitEditors } from './roles.js';
import type { CreateMemberUnitInput, ListMemberUnitsInput, MemberUnitPatch, MemberUnitView } from './schemas.js';
import { memberUnitTypeLabels, msg } from './messages.js';
import { msg as servicesMsg } from '../services/messages.js';
import { msg as adjustmentsMsg } from '../adjustments/messages.js';
import { msg as notificationsMsg } from '../notifications/messages.js';

type Row = typeof memberUnits.$inferSelect;
type CityPrincipal = Extract<Principal, { kind: 'city' }>;
type Resources = MemberUnitView['sharedResources'];

const phoneContext = (id: string) => `member_units.phone:${id}`;

function view(row: Row, cipher: FieldCipher | null, reveal: boolean, names: Map<string, string>): MemberUnitView {
  return {
    id: row.id,
    streetCode: row.streetCode,
    streetName: names.get(row.streetCode) ?? null,
    name: row.name,
    type: row.type,
    typeLabel: memberUnitTypeLabels[row.type],
    contactPerson: row.contactPerson,
    phone: reveal ? shownValue(cipher, 'phone', phoneContext(row.id), row.phoneSealed, true) : row.phoneMasked,
    email: row.email,
    sharedResources: row.sharedResources as Resources,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function requireEditor(ctx: ServiceContext): CityPrincipal {
  const p = requireCity(ctx.principal, cityRoles);
  if (!hasRole(p, memberUnitEditors)) throw new AppError('forbidden', msg.role_may_not_manage_member_units({ role: roleLabel(p.role) }));
  return p;
}

function parsedPhone(raw: string): string {
  const parsed = parsePhone(raw);
  if (!parsed.ok) throw new AppError('validation_failed', servicesMsg.phone_invalid(), { errors: [{ path: 'body.phone', message: parsed.reason }] });
  return parsed.value;
}

async function sealPhone(ctx: ServiceContext, tx: Tx, tenant: string, id: string, phone: string): Promise<{ phoneSealed: string; phoneMasked: string }> {
  const cipher = await personalDataCipher(ctx, tx, tenant, { create: true });
  return { phoneSealed: cipher!.seal(phoneContext(id), phone), phoneMasked: maskPhone(phone) };
}

export async function loadMemberUnit(tx: Tx, p: CityPrincipal, id: string): Promise<Row> {
  const [row] = await tx.select().from(memberUnits).where(eq(memberUnits.id, id));
  if (!row || !unitCovers(p.unit, row.streetCode)) throw notFound(msg.member_unit_not_found({ id }));
  return row;
}

export async function createMemberUnit({ ctx, input }: Call<CreateMemberUnitInput>): Promise<MemberUnitView> {
  const p = requireEditor(ctx);
  const street = input.street ?? p.unit;
  if (!/^\d{9}$/.test(street)) {
    throw new AppError('validation_failed', msg.name_the_street(), { errors: [{ path: 'body.street', message: msg.street_code_9_digits() }] });
  }
  if (!unitCovers(p.unit, street)) throw notFound(adjustmentsMsg.street_not_found({ unit: street }));
  const phone = input.phone ? parsedPhone(input.phone) : null;
  return withTenant(ctx.db, p, async (tx) => {
    const [division] = await tx.select({ code: divisions.code }).from(divisions).where(and(eq(divisions.code, street), eq(divisions.level, 'township'), inForce(shanghaiDate(ctx.clock.now()))));
    if (!division) throw notFound(adjustmentsMsg.street_not_found({ unit: street }));
    const [clash] = await tx.select({ id: memberUnits.id }).from(memberUnits).where(and(eq(memberUnits.streetCode, street), eq(memberUnits.name, input.name)));
    if (clash) throw new AppError('conflict', msg.member_unit_exists({ name: input.name, street }), { errors: [{ path: 'body.name', message: msg.already_in_street() }] });
    const now = ctx.clock.now();
    const id = newId(now.getTime());
    const sealed = phone ? await sealPhone(ctx, tx, p.tenant, id, phone) : { phoneSealed: null, phoneMasked: null };
    const [row] = await tx
      .insert(memberUnits)
      .values({
        id,
        tenantId: p.tenant,
        streetCode: street,
        name: input.name,
        type: input.type,
        contactPerson: input.contactPerson ?? null,
        ...sealed,
        email: input.email ?? null,
        sharedResources: input.sharedResources ?? [],
        createdBy: p.subject,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'member_unit.created', entity: 'member_unit', entityId: id, detail: { street, type: input.type } });
    return view(row!, null, false, await unitNames(tx, [street], now));
  });
}

export async function listMemberUnits({ ctx, input }: Call<ListMemberUnitsInput>): Promise<{ items: MemberUnitView[] }> {
  const p = requireCity(ctx.principal, cityRoles);
  const scope = input.unit ?? p.unit;
  if (!unitCovers(p.unit, scope)) throw notFound(notificationsMsg.unit_not_found({ unit: scope }));
  return withTenant(ctx.db, p, async (tx) => {
    const rows = await tx
      .select()
      .from(memberUnits)
      .where(
        and(
          scope.length === 4 ? undefined : like(memberUnits.streetCode, `${scope.slice(0, 9)}%`),
          input.type ? eq(memberUnits.type, input.type) : undefined,
          input.active !== undefined ? eq(memberUnits.active, input.active) : undefined,
        ),
      )
      .orderBy(asc(memberUnits.streetCode), asc(memberUnits.name))
      .limit(1000);
    const reveal = await authoriseReveal(tx, ctx, { reveal: input.reveal ?? false, entity: 'member_unit', entityId: scope, rows: rows.map((r) => r.id) });
    const cipher = reveal ? await personalDataCipher(ctx, tx, p.tenant, { create: false }) : null;
    const names = await unitNames(tx, rows.map((r) => r.streetCode), ctx.clock.now());
    return { items: rows.map((r) => view(r, cipher, reveal, names)) };
  });
}

export async function getMemberUnit({ ctx, input }: Call<{ id: string; reveal?: boolean | undefined }>): Promise<MemberUnitView> {
  const p = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, p, async (tx) => {
    const row = await loadMemberUnit(tx, p, input.id);
    const reveal = await authoriseReveal(tx, ctx, { reveal: input.reveal ?? false, entity: 'member_unit', entityId: row.id, rows: [row.id] });
    const cipher = reveal ? await personalDataCipher(ctx, tx, p.tenant, { create: false }) : null;
    return view(row, cipher, reveal, await unitNames(tx, [row.streetCode], ctx.clock.now()));
  });
}

export async function updateMemberUnit({ ctx, input }: Call<{ id: string; patch: MemberUnitPatch }>): Promise<MemberUnitView> {
  const p = requireEditor(ctx);
  const phone = input.patch.phone ? parsedPhone(input.patch.phone) : input.patch.phone;
  return withTenant(ctx.db, p, async (tx) => {
    const row = await loadMemberUnit(tx, p, input.id);
    if (input.patch.name && input.patch.name !== row.name) {
      const [clash] = await tx.select({ id: memberUnits.id }).from(memberUnits).where(and(eq(memberUnits.streetCode, row.streetCode), eq(memberUnits.name, input.patch.name)));
      if (clash) throw new AppError('conflict', msg.member_unit_exists({ name: input.patch.name, street: row.streetCode }), { errors: [{ path: 'body.name', message: msg.already_in_street() }] });
    }
    const sealed = phone === undefined ? {} : phone === null ? { phoneSealed: null, phoneMasked: null } : await sealPhone(ctx, tx, p.tenant, row.id, phone);
    const { phone: _phone, ...rest } = input.patch;
    const [updated] = await tx
      .update(memberUnits)
      .set({ ...rest, ...sealed, updatedAt: ctx.clock.now() })
      .where(eq(memberUnits.id, row.id))
      .returning();
    await recordAudit(tx, ctx, { action: 'member_unit.updated', entity: 'member_unit', entityId: row.id, detail: { fields: Object.keys(input.patch) } });
    return view(updated!, null, false, await unitNames(tx, [updated!.streetCode], ctx.clock.now()));
  });
}
