import type { MatrixEntry } from './types.js';

const base = (ids: Record<string, string>) => `/v1/assemblies/${ids.assemblyId}`;
type Json = Record<string, any>;

export const assemblyEntries: MatrixEntry[] = [
  {
    method: 'POST', route: '/v1/assemblies', owner: 'city',
    setup: async ({ h, cityA }) => {
      const send = async (method: string, path: string, json: unknown, status: number) => {
        const res = await h.request(method, path, { token: cityA.adminToken, json });
        if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
        return (await res.json()) as Json;
      };
      const assembly = await send('POST', '/v1/assemblies', { communityCode: '440103001001', kind: 'residents_meeting' }, 201);
      for (const [name, constituency] of [['代表甲', '第一居民小组'], ['代表乙', '第二居民小组'], ['代表丙', '第三居民小组']]) {
        await send('POST', `/v1/assemblies/${assembly.id}/representatives`, { name, constituencyKind: 'household_group', constituency, fromOn: '2026-11-01' }, 201);
      }
      const detail = await send('GET', `/v1/assemblies/${assembly.id}`, undefined, 200);
      const reps = detail.representatives as { id: string }[];
      const meeting = await send('POST', `/v1/assemblies/${assembly.id}/meetings`, { heldOn: '2026-11-24', kind: 'work_report', present: reps.slice(0, 2).map((r) => r.id) }, 201);
      const report = await send('POST', `/v1/assemblies/${assembly.id}/meetings/${meeting.id}/work-reports`, { year: 2026 }, 201);
      return { assemblyId: assembly.id, representativeId: reps[2]!.id, assemblyMeetingId: meeting.id, workReportId: report.id, evaluatedMemberId: report.evaluations[0].memberId };
    },
    request: () => ({ path: '/v1/assemblies', json: { communityCode: '440103002001', kind: 'member_representatives_meeting' } }),
  },
  { method: 'GET', route: '/v1/assemblies', owner: 'city', request: () => ({ path: '/v1/assemblies?unit=440103001' }) },
  { method: 'GET', route: '/v1/assemblies/evaluation-figures', owner: 'city', request: () => ({ path: '/v1/assemblies/evaluation-figures?unit=440103001&year=2026' }) },
  { method: 'GET', route: '/v1/assemblies/:id', owner: 'city', request: (fx) => ({ path: base(fx.cityA.ids) }) },
  {
    method: 'POST', route: '/v1/assemblies/:id/representatives', owner: 'city',
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/representatives`, json: { name: '代表丁', constituencyKind: 'unit', constituency: '沙面小学', fromOn: '2026-11-20' } }),
  },
  {
    method: 'PATCH', route: '/v1/assemblies/:id/representatives/:representativeId', owner: 'city',
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/representatives/${fx.cityA.ids.representativeId}`, json: { endedOn: '2026-11-25' } }),
  },
  {
    method: 'POST', route: '/v1/assemblies/:id/meetings', owner: 'city',
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/meetings`, json: { heldOn: '2026-11-25', kind: 'regular', present: [fx.cityA.ids.representativeId] } }),
  },
  { method: 'GET', route: '/v1/assemblies/:id/meetings/:meetingId', owner: 'city', request: (fx) => ({ path: `${base(fx.cityA.ids)}/meetings/${fx.cityA.ids.assemblyMeetingId}` }) },
  {
    method: 'POST', route: '/v1/assemblies/:id/meetings/:meetingId/decisions', owner: 'city',
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/meetings/${fx.cityA.ids.assemblyMeetingId}/decisions`, json: { matter: '增设充电点', votesFor: 2, votesAgainst: 0, abstentions: 0, public: true } }),
  },
  {
    method: 'POST', route: '/v1/assemblies/:id/meetings/:meetingId/work-reports', owner: 'city',
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/meetings/${fx.cityA.ids.assemblyMeetingId}/work-reports`, json: { year: 2025 } }),
  },
  {
    method: 'PUT', route: '/v1/assemblies/:id/work-reports/:reportId/evaluations', owner: 'city',
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/work-reports/${fx.cityA.ids.workReportId}/evaluations`, json: { items: [{ memberId: fx.cityA.ids.evaluatedMemberId, rating: 'satisfied' }] } }),
  },
];
