import { z } from '@hono/zod-openapi';
import { asOfDate, divisionCode } from '../hierarchy/schemas.js';
import { communityTypes, sizeStatuses, urbanVillageIssues } from './rules.js';
import { msg } from './messages.js';

/** 社区服务热线: an office line with its area code, a 400 number or a short service number; a mobile (a person's) is refused. */
export const serviceHotline = z.string().trim().regex(/^(?:0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|400-?\d{3}-?\d{4}|\d{3,6})$/, msg.hotline_format().code);

export const community = z
  .object({
    code: z.string().openapi({ example: '440103001001' }),
    name: z.string().openapi({ example: '沙面社区居民委员会' }),
    streetCode: z.string().openapi({ example: '440103001' }),
    streetName: z.string().nullable().openapi({ example: '沙面街道', description: 'the street’s name in force today' }),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    type: z.enum(communityTypes).nullable().openapi({ description: 'geographic 地缘型, residential_complex 单元型, work_unit 单位型, mixed 综合型' }),
    households: z.number().int().nullable(),
    population: z.number().int().nullable(),
    areaKm2: z.number().nullable(),
    officeAddress: z.string().nullable(),
    serviceHotline: z.string().nullable().openapi({ example: '020-81230000' }),
    publishable: z.boolean().openapi({ description: '居务公开: its public page /p/{city}/{community} is shown' }),
    hasServiceCentre: z.boolean(),
    urbanVillagePilot: z.boolean().openapi({ description: '城中村改造试点' }),
    urbanVillageOpenIssues: z.array(z.enum(urbanVillageIssues)),
    sizeStatus: z.enum(sizeStatuses).nullable().openapi({ description: 'against the province’s household bounds; null while households are unknown' }),
    sizeExceptionReason: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('Community');
export type CommunityView = z.infer<typeof community>;

export const communityPage = z.object({ items: z.array(community), nextCursor: z.string().nullable() }).openapi('CommunityPage');

export const communityPatch = z
  .object({
    type: z.enum(communityTypes).nullable().optional(),
    households: z.number().int().min(0).max(200_000).nullable().optional(),
    population: z.number().int().min(0).max(1_000_000).nullable().optional(),
    areaKm2: z.number().min(0).max(100_000).nullable().optional(),
    officeAddress: z.string().trim().max(200).nullable().optional(),
    serviceHotline: serviceHotline.nullable().optional(),
    hasServiceCentre: z.boolean().optional(),
    urbanVillagePilot: z.boolean().optional(),
    urbanVillageOpenIssues: z.array(z.enum(urbanVillageIssues)).max(urbanVillageIssues.length).optional(),
    sizeExceptionReason: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .openapi('CommunityPatch');
export type CommunityPatch = z.infer<typeof communityPatch>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listCommunitiesQuery = z.object({
  parent: divisionCode.optional().openapi({ description: 'communities below this division (district, street or city)' }),
  type: z.enum(communityTypes).optional(),
  sizeStatus: z.enum(sizeStatuses).optional(),
  urbanVillagePilot: flag.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  asOf: asOfDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ListCommunitiesInput = z.infer<typeof listCommunitiesQuery>;
