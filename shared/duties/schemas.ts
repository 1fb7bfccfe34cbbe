import { z } from '@hono/zod-openapi';
import { isoDate, streetOrCommunityCode } from '../patterns.js';
import { listQuery, pageOf } from '../schemas.js';
import { divisionCode } from '../hierarchy/schemas.js';
import { msg } from './messages.js';
import { dutyStatuses, fundingBases } from './rules.js';

export const dutyIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const unitScope = divisionCode.optional().openapi({ description: 'my unit and below: this division (city, district, street, community)' });

const department = z.string().trim().min(2).max(60).openapi({ description: '职能部门 (free text, as the department names itself)', example: '市卫生健康委员会' });
const yuan = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, msg.duty_amount_format().code).openapi({ description: 'yuan per year, a decimal string (integer fen in storage)', example: '12000.00' });

const dutyFields = {
  department,
  title: z.string().trim().min(2).max(200).openapi({ description: '工作事项', example: '协助开展家庭医生签约服务宣传' }),
  basis: z.string().trim().min(2).max(500).openapi({ description: '法律或政策依据', example: '《关于推进家庭医生签约服务的指导意见》' }),
  appliesTo: z.array(streetOrCommunityCode).min(1).max(500).openapi({ description: 'street (9 digits) or community (12 digits) codes in force; a street covers its communities' }),
  startsOn: isoDate,
  fundingBasis: z.enum(fundingBases).openapi({ description: 'none 无经费, per_community 每个社区每年, total 合计每年' }),
  fundsYuan: yuan.nullable(),
  fundingDocument: z.string().trim().min(2).max(100).nullable().openapi({ description: '拨付经费的文号', example: '穗财社〔2026〕12号' }),
};

export const dutyInput = z
  .object({ ...dutyFields, fundsYuan: dutyFields.fundsYuan.optional(), fundingDocument: dutyFields.fundingDocument.optional() })
  .strict()
  .openapi('DutyInput');
export type DutyInput = z.infer<typeof dutyInput>;

export const dutyPatch = z.object(dutyFields).partial().strict().openapi('DutyPatch');
export type DutyPatch = z.infer<typeof dutyPatch>;

export const dutyEndInput = z.object({ endedOn: isoDate, reason: z.string().trim().min(2).max(200).optional() }).strict().openapi('DutyEnd');
export type DutyEndInput = z.infer<typeof dutyEndInput>;

const namedUnit = z.object({ code: z.string(), name: z.string().nullable().openapi({ description: 'the unit’s name' }) });

export const duty = z
  .object({
    id: z.uuid(),
    department: z.string(),
    title: z.string(),
    basis: z.string(),
    appliesTo: z.array(namedUnit),
    startsOn: z.string(),
    endedOn: z.string().nullable(),
    endReason: z.string().nullable(),
    status: z.enum(dutyStatuses),
    statusLabel: z.string(),
    fundingBasis: z.enum(fundingBases),
    fundingBasisLabel: z.string().openapi({ description: '无经费 when no funds came with the duty' }),
    fundsYuan: z.string().nullable().openapi({ description: 'yuan per year, two decimals' }),
    fundingDocument: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Duty');
export type DutyView = z.infer<typeof duty>;

export const dutySortKeys = ['department', 'title', 'startsOn'] as const;
export const dutyQuery = listQuery(dutySortKeys, 'department').extend({
  unit: unitScope,
  department: department.optional().openapi({ description: 'exactly this department' }),
  funded: z.enum(['yes', 'no']).optional().openapi({ description: 'no: the duties that came without funds (无经费)' }),
  status: z.enum(dutyStatuses).optional(),
});
export type DutyQuery = z.infer<typeof dutyQuery>;
export const dutyPage = pageOf(duty, 'DutyPage');

export const demandInput = z
  .object({
    department,
    request: z.string().trim().min(2).max(500).openapi({ description: 'what the department asked the community to do', example: '要求社区每周上报辖区餐饮店巡查台账' }),
    demandedOn: isoDate,
    unitCode: streetOrCommunityCode.openapi({ description: 'the street or community asked' }),
  })
  .strict()
  .openapi('UnregisteredDemandInput');
export type DemandInput = z.infer<typeof demandInput>;

export const demand = z
  .object({
    id: z.uuid(),
    department: z.string(),
    request: z.string(),
    demandedOn: z.string(),
    unitCode: z.string(),
    unitName: z.string().nullable(),
    recordedAt: z.string(),
  })
  .openapi('UnregisteredDemand');
export type DemandView = z.infer<typeof demand>;

export const demandSortKeys = ['department', 'demandedOn', 'unit'] as const;
export const demandQuery = listQuery(demandSortKeys, 'department').extend({ unit: unitScope, department: department.optional().openapi({ description: 'exactly this department' }) });
export type DemandQuery = z.infer<typeof demandQuery>;
export const demandPage = pageOf(demand, 'UnregisteredDemandPage');

export const departmentSummary = z
  .object({
    items: z.array(
      z.object({
        department: z.string(),
        duties: z.number().int().openapi({ description: 'duties on the register today' }),
        dutiesWithoutFunds: z.number().int(),
        unregisteredDemands: z.number().int(),
      }),
    ),
  })
  .openapi('DutyDepartments');
export type DepartmentSummaryView = z.infer<typeof departmentSummary>;
