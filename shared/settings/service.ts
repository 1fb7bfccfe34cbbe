import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { provinceSettings } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { requireProvince } from '../auth/principal.js';
import { defaultHouseholdBounds } from '../communities/rules.js';
import { provinceSettingsEditors, provinceSettingsReaders } from './roles.js';
import type { Call } from '../context.js';
import { AppError } from '../errors.js';
import { msg } from './messages.js';
import { zodIssue } from '../zod-messages.js';

const householdBounds = z
  .object({ min: z.number().int().min(1).max(100_000), max: z.number().int().min(1).max(100_000) })
  .refine((b) => b.min < b.max, zodIssue(msg.min_below_max(), ['max']));

export const provinceSettingsView = z
  .object({
    communityHouseholds: householdBounds.openapi({ description: '一般管辖户数: the usual size of a community' }),
    committeeTermYears: z.number().int().min(1).max(10).openapi({ description: '居委会每届任期(年)' }),
    noticeEmail: z.email().max(200).nullable().openapi({ description: '省民政厅接收各市报送、修改报告通知的邮箱; null: inbox only', example: 'jczq@gdmz.gov.cn' }),
  })
  .openapi('ProvinceSettings');
export type ProvinceSettings = z.infer<typeof provinceSettingsView>;

export const provinceSettingsPatch = z
  .object({ communityHouseholds: householdBounds.optional(), committeeTermYears: z.number().int().min(1).max(10).optional(), noticeEmail: z.email().max(200).nullable().optional() })
  .strict()
  .openapi('ProvinceSettingsPatch');

const KEY = 'province';
export const defaultProvinceSettings: ProvinceSettings = { communityHouseholds: defaultHouseholdBounds, committeeTermYears: 5, noticeEmail: null };

/** What every city works to; readable inside any tenant's transaction. */
export async function readProvinceSettings(tx: Tx): Promise<ProvinceSettings> {
  const [row] = await tx.select({ value: provinceSettings.value }).from(provinceSettings).where(eq(provinceSettings.key, KEY));
  return { ...defaultProvinceSettings, ...((row?.value as Partial<ProvinceSettings> | undefined) ?? {}) };
}

export async function getProvinceSettings({ ctx }: Call<Record<string, never>>): Promise<ProvinceSettings> {
  requireProvince(ctx.principal, provinceSettingsReaders);
  return withTenant(ctx.db, ctx.principal, readProvinceSettings);
}

export async function updateProvinceSettings({ ctx, input }: Call<z.infer<typeof provinceSettingsPatch>>): Promise<ProvinceSettings> {
  const principal = requireProvince(ctx.principal, provinceSettingsEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const next = { ...(await readProvinceSettings(tx)), ...input };
    const checked = provinceSettingsView.safeParse(next);
    if (!checked.success) throw new AppError('validation_failed', msg.settings_inconsistent());
    const now = ctx.clock.now();
    await tx
      .insert(provinceSettings)
      .values({ key: KEY, value: checked.data, updatedBy: principal.subject, updatedAt: now })
      .onConflictDoUpdate({ target: provinceSettings.key, set: { value: checked.data, updatedBy: principal.subject, updatedAt: now } });
    await recordAudit(tx, ctx, { action: 'settings.updated', entity: 'province_settings', entityId: KEY, detail: input });
    return checked.data;
  });
}
