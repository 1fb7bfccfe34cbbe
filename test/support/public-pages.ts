import { readFileSync } from 'node:fs';
import { certifiedElection, slateCandidates, type ElectionBody } from './elections.js';
import { runConferenceWorker } from './conferences.js';
import type { Harness } from './harness.js';

export const SHAMIAN = '440103001001';
const STREET = '440103001';

/** Personal data seeded beside the public facts: none of it may ever reach a public page. */
export const seededPersonal = {
  phones: [...slateCandidates.map((c) => c.phone), '13922220001', '13922220002', '13922220003', '13922220004'],
  idNumbers: slateCandidates.map((c) => c.idNumber),
  names: ['赵社工', '钱联系'],
};

async function ok(h: Harness, token: string, method: string, path: string, json?: unknown): Promise<Record<string, any>> {
  const res = await h.request(method, path, { token, json });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, any>;
}

/**
 * 沙面社区 with everything its public page shows (a certified election, a profile with a hotline, a written system,
 * a facility, a street conference with public and internal resolutions) and personal data beside it (candidates'
 * phones and ID numbers, a social worker's and a member unit contact's phones, a hotline facility's mobile contact).
 */
export async function seedPublicCommunity(h: Harness, city = '4401'): Promise<{ election: ElectionBody; committeeId: string }> {
  const admin = await h.cityToken(city);
  const street = await h.cityToken(city, 'street_officer', STREET);
  const election = await certifiedElection(h, admin);
  const committeeId = election.committeeId;
  await ok(h, admin, 'PATCH', `/v1/communities/${SHAMIAN}`, { type: 'geographic', households: 1800, officeAddress: '沙面北街45号', serviceHotline: '020-81230000' });
  await ok(h, admin, 'PUT', `/v1/committees/${committeeId}/systems/committee_work`, { adoptedOn: '2026-11-22', documentRef: '沙面社居〔2026〕1号' });
  await ok(h, admin, 'POST', `/v1/committees/${committeeId}/social-workers`, { name: '赵社工', phone: seededPersonal.phones.at(-4), role: '社区专职工作者', hiredOn: '2026-01-05' });
  await ok(h, admin, 'POST', '/v1/facilities', { unitCode: SHAMIAN, kind: 'service_centre', name: '沙面社区服务中心', address: '沙面北街45号', openingHours: '周一至周日 08:30-21:00', areaM2: 320 });
  await ok(h, admin, 'POST', '/v1/facilities', { unitCode: SHAMIAN, kind: 'hotline', name: '沙面社区值班电话', contact: seededPersonal.phones.at(-3) });
  const hospital = (await ok(h, street, 'POST', '/v1/member-units', { name: '荔湾区人民医院', type: 'enterprise', contactPerson: '钱联系', phone: seededPersonal.phones.at(-2) })).id as string;
  const series = await ok(h, street, 'POST', '/v1/conferences/series', {
    title: '沙面街道社区工作联席会议', rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', firstStartLocal: '2026-12-15T09:30', venue: '沙面街道办事处三楼会议室', defaultInvitees: [hospital],
  });
  await runConferenceWorker(h);
  await ok(h, street, 'POST', `/v1/conferences/series/${series.id}/held-meetings`, {
    startsLocal: '2026-11-20T09:30', minutes: '会议议定开放医院停车场并维修沙面北街路灯。', attendance: [{ memberUnitId: hospital, attended: true }],
    resolutions: [
      { title: '周末向居民开放医院停车场', ownerMemberUnitId: hospital, dueDate: '2027-01-31', public: true },
      { title: '维修沙面北街路灯', ownerUnit: SHAMIAN, dueDate: '2027-02-28', public: true },
      { title: '内部人事协调事项', ownerUnit: STREET, dueDate: '2027-03-31' },
    ],
  });
  // the residents' meeting: three representatives, a quorate meeting, decisions public or not, adopted or not
  const committee = await h.cityToken(city, 'committee_member', SHAMIAN);
  const assembly = (await ok(h, committee, 'POST', '/v1/assemblies', { communityCode: SHAMIAN, kind: 'residents_meeting' })).id as string;
  const present: string[] = [];
  for (const [name, group] of [['陈一', '第一居民小组'], ['林二', '第二居民小组'], ['黄三', '第三居民小组']] as const) {
    const detail = await ok(h, committee, 'POST', `/v1/assemblies/${assembly}/representatives`, { name, constituencyKind: 'household_group', constituency: group, fromOn: '2026-11-01' });
    present.push((detail.representatives as { id: string; name: string }[]).find((r) => r.name === name)!.id);
  }
  const meeting = (await ok(h, committee, 'POST', `/v1/assemblies/${assembly}/meetings`, { heldOn: '2026-11-21', kind: 'regular', present })).id as string;
  for (const [matter, votesFor, votesAgainst, isPublic] of [['增设沙面北街电动自行车集中充电点', 3, 0, true], ['居民会议内部议事规则修订', 3, 0, false], ['调整垃圾分类投放时间', 1, 2, true]] as const) {
    await ok(h, committee, 'POST', `/v1/assemblies/${assembly}/meetings/${meeting}/decisions`, { matter, votesFor, votesAgainst, abstentions: 0, public: isPublic });
  }
  return { election, committeeId };
}

export async function importDivisions(h: Harness, city: string): Promise<void> {
  const res = await h.request('POST', '/v1/divisions/import', { token: await h.cityToken(city), body: readFileSync(`test/fixtures/divisions-${city}.csv`, 'utf8'), contentType: 'text/csv' });
  if (res.status !== 200) throw new Error(`importing ${city}: ${res.status} ${await res.text()}`);
}
