import { z } from '@hono/zod-openapi';
import { isValidIsoDate } from './dates.js';
import { common, formats as m } from './messages.js';
import { zodIssue } from './zod-messages.js';

/**
 * The code fields several schemas share, each pattern written once with the catalogue message a mismatch reads as
 * (`division_code_format`: 区划代码应为 4、6、9 或 12 位数字), so a field error carries that code and names the field
 * rather than zod's generic 格式不正确. A module's own patterns sit in its schemas the same way: `.regex(re, m.x().code)`.
 * Division codes: 4 digits a city, 6 a district or county, 9 a street or town, 12 a community or village. (Token
 * claims and queue bodies, never typed by a person, keep their own plain-zod checks so the identity trigger and the
 * workers' bundles need not carry the OpenAPI extension.)
 */
export const divisionCode = z.string().regex(/^\d{4}$|^\d{6}$|^\d{9}$|^\d{12}$/, m.division_code_format().code);
export const cityCode = z.string().regex(/^[1-9]\d{3}$/, m.city_code_format().code);
export const streetCode = z.string().regex(/^\d{9}$/, m.street_code_format().code);
export const communityCode = z.string().regex(/^\d{12}$/, m.community_code_format().code);
export const districtOrStreetCode = z.string().regex(/^\d{6}$|^\d{9}$/, m.district_or_street_code_format().code);
export const streetOrCommunityCode = z.string().regex(/^\d{9}$|^\d{12}$/, m.street_or_community_code_format().code);
export const cityOrDistrictCode = z.string().regex(/^\d{4}$|^\d{6}$/, m.city_or_district_code_format().code);
/** A unit below the city: a district or county, a street or town, or a community. */
export const localDivisionCode = z.string().regex(/^\d{6}$|^\d{9}$|^\d{12}$/, m.local_division_code_format().code);

/** A day as YYYY-MM-DD that exists on the calendar (not 2026-02-30). */
export const isoDate = z.string().refine(isValidIsoDate, zodIssue(common.date_format()));
