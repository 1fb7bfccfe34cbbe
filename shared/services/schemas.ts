import { z } from '@hono/zod-openapi';
import { communityCode, isoDate, streetOrCommunityCode } from '../patterns.js';
import { msg } from './messages.js';
import { certificationStatuses, facilityKinds, fundingSources, ledgerKinds, profitStatuses, registrationAuthorities, serviceTargets } from './rules.js';
import { divisionCode } from '../hierarchy/schemas.js';
import { listQuery, pageOf } from '../schemas.js';

const localUnit = streetOrCommunityCode;

export const scopeQuery = z.object({ unit: divisionCode.optional().openapi({ description: 'my unit and below: this division (city, district, street, community)' }) });
export const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const openedBy = z
  .uuid()
  .openapi({ description: '机关、团体、企事业单位的设施对社区开放: the member unit (社区成员单位) whose facility this is, opened to residents' });

const facilityFields = {
  kind: z.enum(facilityKinds).openapi({ description: 'committee_office 居委会办公场所, service_centre 社区服务中心, small_square 小广场, playground 小乐园, green_space 小绿地, hotline 服务热线, online_platform 网络服务平台' }),
  name: z.string().trim().min(2).max(100),
  areaM2: z.number().min(0.01).max(1_000_000).multipleOf(0.01).nullable(),
  address: z.string().trim().min(2).max(200).nullable(),
  openingHours: z.string().trim().max(200).nullable().openapi({ example: '周一至周日 08:00-21:00' }),
  contact: z.string().trim().max(200).nullable().openapi({ description: 'hotline number or web address' }),
  openedBy: openedBy.nullable(),
};

export const facilityInput = z
  .object({
    unitCode: localUnit,
    ...facilityFields,
    areaM2: facilityFields.areaM2.optional(),
    address: facilityFields.address.optional(),
    openingHours: facilityFields.openingHours.optional(),
    contact: facilityFields.contact.optional(),
    openedBy: facilityFields.openedBy.optional(),
  })
  .strict()
  .openapi('FacilityInput');
export type FacilityInput = z.infer<typeof facilityInput>;

export const facilityPatch = z
  .object({
    name: facilityFields.name.optional(),
    areaM2: facilityFields.areaM2.optional(),
    address: facilityFields.address.optional(),
    openingHours: facilityFields.openingHours.optional(),
    contact: facilityFields.contact.optional(),
    openedBy: facilityFields.openedBy.optional(),
  })
  .strict()
  .openapi('FacilityPatch');
export type FacilityPatch = z.infer<typeof facilityPatch>;

export const facility = z
  .object({
    id: z.uuid(),
    unitCode: z.string(),
    unitName: z.string().nullable().openapi({ description: 'the street’s or community’s name in force today' }),
    kind: z.enum(facilityKinds),
    kindLabel: z.string(),
    name: z.string(),
    areaM2: z.number().nullable(),
    address: z.string().nullable(),
    openingHours: z.string().nullable(),
    contact: z.string().nullable(),
    openedBy: z.object({ memberUnitId: z.string(), name: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Facility');
export type FacilityView = z.infer<typeof facility>;
export const facilitySortKeys = ['name', 'unit', 'kind'] as const;
export const facilityQuery = listQuery(facilitySortKeys, 'unit').extend(scopeQuery.shape).extend({ kind: z.enum(facilityKinds).optional() });
export type FacilityQuery = z.infer<typeof facilityQuery>;
export const facilityPage = pageOf(facility, 'FacilityPage');

const assets = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const serviceUnitInput = z
  .object({
    unitCode: localUnit,
    name: z.string().trim().min(2).max(100),
    services: z.array(z.string().trim().min(1).max(50)).min(1).max(30).openapi({ example: ['居家养老', '日间照料'] }),
    targets: z.array(z.enum(serviceTargets)).min(1).max(serviceTargets.length).openapi({ description: 'elderly 老年人, disabled 残疾人, youth 青少年, women 妇女, vulnerable 社会弱势群体' }),
    funding: z.enum(fundingSources).openapi({ description: 'government: 以政府投入为主渠道; non_state: 集体、私人等非国有投资' }),
    profitStatus: z.enum(profitStatuses),
    nonStateAssetsYuan: assets.openapi({ description: '非国有资产 (yuan)' }),
    totalAssetsYuan: assets.openapi({ description: '总财产 (yuan)' }),
  })
  .strict()
  .openapi('ServiceUnitInput');
export type ServiceUnitInput = z.infer<typeof serviceUnitInput>;

export const serviceUnitPatch = serviceUnitInput.omit({ unitCode: true }).partial().strict().openapi('ServiceUnitPatch');
export type ServiceUnitPatch = z.infer<typeof serviceUnitPatch>;

export const certificationInput = z
  .object({
    certifyingBody: z.string().trim().min(2).max(100).openapi({ description: '认证机构', example: '广州市民政局' }),
    certificateNumber: z.string().trim().min(2).max(50).openapi({ description: '证书编号', example: '穗民认〔2026〕018号' }),
    certifiedOn: isoDate.openapi({ description: '认证日期' }),
    expiresOn: isoDate.openapi({ description: '有效期至 (the last valid day), after certifiedOn' }),
  })
  .strict()
  .openapi('ServiceUnitCertificationInput', { description: 'a certificate, or its renewal: a renewal is recorded as the next certificate, certified after the current one' });
export type CertificationInput = z.infer<typeof certificationInput>;

export const certification = z
  .object({
    id: z.uuid(),
    certifyingBody: z.string(),
    certificateNumber: z.string(),
    certifiedOn: z.string(),
    expiresOn: z.string(),
    recordedAt: z.string(),
  })
  .openapi('ServiceUnitCertification');
export type CertificationView = z.infer<typeof certification>;

export const certificationState = z
  .object({
    status: z.enum(certificationStatuses).openapi({ description: 'valid 认证有效, expiring 60日内到期, expired 已过期, none 未认证 (today, by the service’s clock)' }),
    statusLabel: z.string(),
    daysLeft: z.number().int().nullable().openapi({ description: 'days from today to the expiry day; negative once expired' }),
    current: certification.nullable().openapi({ description: 'the latest certified certificate' }),
  })
  .openapi('ServiceUnitCertificationState');
export type CertificationStateView = z.infer<typeof certificationState>;

export const certificationHistory = certificationState
  .extend({ serviceUnitId: z.uuid(), history: z.array(certification).openapi({ description: 'every certificate, latest first' }) })
  .openapi('ServiceUnitCertifications');
export type CertificationHistoryView = z.infer<typeof certificationHistory>;

export const serviceUnit = z
  .object({
    id: z.uuid(),
    unitCode: z.string(),
    unitName: z.string().nullable().openapi({ description: 'the street’s or community’s name in force today' }),
    name: z.string(),
    services: z.array(z.string()),
    targets: z.array(z.enum(serviceTargets)),
    funding: z.enum(fundingSources),
    profitStatus: z.enum(profitStatuses),
    nonStateAssetsYuan: z.number().int(),
    totalAssetsYuan: z.number().int(),
    registrationAuthority: z.enum(registrationAuthorities).openapi({ description: 'social_welfare 参照社会福利事业单位管理, civil_affairs 民政部门(民办非企业单位), industry_commerce 工商部门, undetermined 政策未规定' }),
    registrationAuthorityLabel: z.string(),
    registrationReason: z.string(),
    certification: certificationState.openapi({ description: '行业管理和认证制度: the current certification and its status' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ServiceUnit');
export type ServiceUnitView = z.infer<typeof serviceUnit>;
export const serviceUnitSortKeys = ['name', 'unit', 'authority'] as const;
export const serviceUnitQuery = listQuery(serviceUnitSortKeys, 'unit').extend(scopeQuery.shape);
export type ServiceUnitQuery = z.infer<typeof serviceUnitQuery>;
export const serviceUnitPage = pageOf(serviceUnit, 'ServiceUnitPage');

export const organisationInput = z
  .object({ unitCode: localUnit, name: z.string().trim().min(2).max(100), foundedOn: isoDate.optional() })
  .strict()
  .openapi('VolunteerOrganisationInput');
export type OrganisationInput = z.infer<typeof organisationInput>;
export const organisation = z
  .object({
    id: z.uuid(),
    unitCode: z.string(),
    unitName: z.string().nullable().openapi({ description: 'the street’s or community’s name in force today' }),
    name: z.string(),
    foundedOn: z.string().nullable(),
    volunteers: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('VolunteerOrganisation');
export type OrganisationView = z.infer<typeof organisation>;
export const organisationSortKeys = ['name', 'unit', 'foundedOn', 'volunteers'] as const;
export const organisationQuery = listQuery(organisationSortKeys, 'unit').extend(scopeQuery.shape);
export type OrganisationQuery = z.infer<typeof organisationQuery>;
export const organisationPage = pageOf(organisation, 'VolunteerOrganisationPage');

export const volunteerInput = z
  .object({
    cardNumber: z.string().trim().regex(/^[A-Za-z0-9-]{4,32}$/, msg.card_number_format().code),
    name: z.string().trim().min(1).max(50),
    phone: z.string().trim().max(30).optional(),
    communityCode,
    organisationId: z.uuid().optional(),
    registeredOn: isoDate.optional(),
  })
  .strict()
  .openapi('VolunteerInput');
export type VolunteerInput = z.infer<typeof volunteerInput>;

export const volunteer = z
  .object({
    id: z.uuid(),
    cardNumber: z.string().openapi({ description: '社区服务登记卡号' }),
    name: z.string(),
    phone: z.string().nullable().openapi({ description: 'masked, e.g. 138****1234' }),
    communityCode: z.string(),
    communityName: z.string().nullable().openapi({ description: 'the community’s name in force today' }),
    organisationId: z.string().nullable(),
    organisationName: z.string().nullable(),
    registeredOn: z.string(),
    balanceMinutes: z.number().int(),
    balanceHours: z.number(),
  })
  .openapi('Volunteer');
export type VolunteerView = z.infer<typeof volunteer>;
export const volunteerSortKeys = ['name', 'card', 'community', 'balance', 'registeredOn'] as const;
export const volunteerQuery = listQuery(volunteerSortKeys, 'community')
  .extend(scopeQuery.shape)
  .extend({ card: z.string().trim().min(4).max(32).optional().openapi({ description: 'exact card number, city-wide (balances follow the volunteer)' }) });
export type VolunteerQuery = z.infer<typeof volunteerQuery>;
export const volunteerPage = pageOf(volunteer, 'VolunteerPage');

export const ledgerInput = z
  .object({
    kind: z.enum(ledgerKinds).openapi({ description: 'deposit 存入 (confirmed by the community), draw 支取, correction 更正 (a new entry)' }),
    minutes: z.number().int().min(-100_000).max(100_000).refine((m) => m !== 0, msg.minutes_not_zero().code),
    communityCode,
    service: z.string().trim().min(2).max(200).openapi({ example: '陪伴独居老人就医' }),
    serviceDate: isoDate,
    correctsEntryId: z.uuid().optional(),
  })
  .strict()
  .openapi('TimeBankEntryInput', { description: 'deposit and draw take positive minutes; a correction carries its sign and the entry it corrects' });
export type LedgerInput = z.infer<typeof ledgerInput>;

export const ledgerEntry = z
  .object({
    id: z.uuid(),
    kind: z.enum(ledgerKinds),
    kindLabel: z.string(),
    minutes: z.number().int(),
    communityCode: z.string(),
    service: z.string(),
    serviceDate: z.string(),
    correctsEntryId: z.string().nullable(),
    communityName: z.string().nullable().openapi({ description: 'the community’s name in force today' }),
    recordedAt: z.string(),
  })
  .openapi('TimeBankEntry');
export type LedgerEntryView = z.infer<typeof ledgerEntry>;

export const ledger = z
  .object({
    volunteerId: z.uuid(),
    balanceMinutes: z.number().int(),
    balanceHours: z.number(),
    bankedMinutes: z.number().int().openapi({ description: 'minutes deposited, corrections counted with the entry they correct' }),
    drawnMinutes: z.number().int().openapi({ description: 'minutes drawn, corrections counted with the entry they correct' }),
    entries: z.array(ledgerEntry),
  })
  .openapi('TimeBankLedger');
export type LedgerView = z.infer<typeof ledger>;
export const ledgerWrite = z.object({ entry: ledgerEntry, balanceMinutes: z.number().int(), balanceHours: z.number() }).openapi('TimeBankEntryRecorded');

export const serviceFigures = z
  .object({
    scope: z.string(),
    facilities: z.record(z.string(), z.object({ count: z.number().int(), areaM2: z.number(), openedByMemberUnits: z.number().int() })),
    serviceUnits: z.object({ total: z.number().int(), byAuthority: z.record(z.string(), z.number().int()), byTarget: z.record(z.string(), z.number().int()) }),
    volunteers: z.object({ organisations: z.number().int(), volunteers: z.number().int() }),
    timeBank: z.object({ depositedHours: z.number(), drawnHours: z.number(), balanceHours: z.number() }),
  })
  .openapi('ServiceFigures');
export type ServiceFiguresView = z.infer<typeof serviceFigures>;
