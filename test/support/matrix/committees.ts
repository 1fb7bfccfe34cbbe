import { certifiedElection, electionPlan, slateCandidates, testPhone } from '../elections.js';
import type { MatrixEntry } from './types.js';

const base = (ids: Record<string, string>) => `/v1/committees/${ids.committeeId}`;

export const committeeEntries: MatrixEntry[] = [
  {
    method: 'POST', route: '/v1/elections', owner: 'city',
    setup: async ({ h, cityA }) => {
      const certified = await certifiedElection(h, cityA.adminToken);
      const members = (await (await h.request('GET', `/v1/committees/${certified.committeeId}/members`, { token: cityA.adminToken })).json()) as { items: { id: string }[] };
      return { electionId: certified.id, committeeId: certified.committeeId, memberId: members.items[0]!.id };
    },
    request: () => ({ path: '/v1/elections', json: electionPlan('440103002001') }),
  },
  { method: 'GET', route: '/v1/elections', owner: 'city', request: () => ({ path: '/v1/elections?community=440103001001' }) },
  { method: 'GET', route: '/v1/elections/:id', owner: 'city', request: (fx) => ({ path: `/v1/elections/${fx.cityA.ids.electionId}` }) },
  { method: 'POST', route: '/v1/elections/:id/rounds', owner: 'city', request: (fx) => ({ path: `/v1/elections/${fx.cityA.ids.electionId}/rounds`, json: { heldOn: '2026-11-27', candidates: [slateCandidates[4]] } }) },
  {
    method: 'POST', route: '/v1/elections/:id/results', owner: 'city',
    request: (fx) => ({ path: `/v1/elections/${fx.cityA.ids.electionId}/results`, json: { ballotsIssued: 90, ballotsReturned: 80, validBallots: 80, invalidBallots: 0, votes: [], reason: '更正' } }),
  },
  { method: 'POST', route: '/v1/elections/:id/certify', owner: 'city', request: (fx) => ({ path: `/v1/elections/${fx.cityA.ids.electionId}/certify`, json: { reason: '更正' } }) },
  { method: 'GET', route: '/v1/elections/:id/verify', owner: 'city', request: (fx) => ({ path: `/v1/elections/${fx.cityA.ids.electionId}/verify` }) },
  { method: 'GET', route: '/v1/committees', owner: 'city', request: () => ({ path: '/v1/committees?parent=440103001' }) },
  { method: 'POST', route: '/v1/committees', owner: 'city', request: () => ({ path: '/v1/committees', json: { communityCode: '440103002002' } }) },
  { method: 'GET', route: '/v1/committees/:id', owner: 'city', request: (fx) => ({ path: base(fx.cityA.ids) }) },
  { method: 'PUT', route: '/v1/committees/:id/size', owner: 'city', request: (fx) => ({ path: `${base(fx.cityA.ids)}/size`, json: { size: 7, representatives: 41, consenting: 30, agreedOn: '2026-10-10' } }) },
  { method: 'GET', route: '/v1/committees/:id/members', owner: 'city', request: (fx) => ({ path: `${base(fx.cityA.ids)}/members?reveal=true` }) },
  {
    method: 'POST', route: '/v1/committees/:id/members', owner: 'city',
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/members`, json: { name: '补选人', gender: 'male', birthYear: 1990, position: 'member', joinedOn: '2026-11-25', phone: testPhone(99) } }),
  },
  { method: 'GET', route: '/v1/committees/:id/members/:memberId', owner: 'city', request: (fx) => ({ path: `${base(fx.cityA.ids)}/members/${fx.cityA.ids.memberId}?reveal=true` }) },
  { method: 'PATCH', route: '/v1/committees/:id/members/:memberId', owner: 'city', request: (fx) => ({ path: `${base(fx.cityA.ids)}/members/${fx.cityA.ids.memberId}`, json: { leftOn: '2026-11-25', departureReason: 'resigned' } }) },
  { method: 'GET', route: '/v1/committees/:id/vacancies', owner: 'city', request: (fx) => ({ path: `${base(fx.cityA.ids)}/vacancies` }) },
  {
    method: 'GET', route: '/v1/committees/:id/party-organisation', owner: 'city',
    setup: async ({ h, cityA }) => {
      const res = await h.request('PUT', `${base(cityA.ids)}/party-organisation`, { token: cityA.adminToken, json: { name: '中共沙面社区委员会', type: 'committee', secretaryName: '陈主任', establishedOn: '2024-07-01' } });
      if (res.status !== 200) throw new Error(`party organisation: ${res.status} ${await res.text()}`);
      return {};
    },
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/party-organisation` }),
  },
  {
    method: 'PUT', route: '/v1/committees/:id/party-organisation', owner: 'city',
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/party-organisation`, json: { name: '中共沙面社区支部委员会', type: 'branch', secretaryName: '越权者', establishedOn: '2024-07-01' } }),
  },
  { method: 'PUT', route: '/v1/committees/:id/systems/:system', owner: 'city', request: (fx) => ({ path: `${base(fx.cityA.ids)}/systems/committee_work`, json: { adoptedOn: '2026-11-22', documentRef: '社居〔2026〕1号' } }) },
  { method: 'POST', route: '/v1/committees/:id/working-committees', owner: 'city', request: (fx) => ({ path: `${base(fx.cityA.ids)}/working-committees`, json: { name: '人民调解委员会', establishedOn: '2026-11-22' } }) },
  { method: 'POST', route: '/v1/committees/:id/social-workers', owner: 'city', request: (fx) => ({ path: `${base(fx.cityA.ids)}/social-workers`, json: { name: '社工甲', phone: testPhone(98), role: '社区社工', hiredOn: '2026-11-22' } }) },
  {
    method: 'PATCH', route: '/v1/committees/:id/working-committees/:workingCommitteeId', owner: 'city',
    setup: async ({ h, cityA }) => {
      const res = await h.request('POST', `${base(cityA.ids)}/working-committees`, { token: cityA.adminToken, json: { name: '治安保卫委员会', establishedOn: '2026-11-20' } });
      const committee = (await res.json()) as { workingCommittees: { id: string; name: string }[] };
      return { workingCommitteeId: committee.workingCommittees.find((w) => w.name === '治安保卫委员会')!.id };
    },
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/working-committees/${fx.cityA.ids.workingCommitteeId}`, json: { dissolvedOn: '2026-11-24' } }),
  },
  {
    method: 'PATCH', route: '/v1/committees/:id/social-workers/:socialWorkerId', owner: 'city',
    setup: async ({ h, cityA }) => {
      const res = await h.request('POST', `${base(cityA.ids)}/social-workers`, { token: cityA.adminToken, json: { name: '社工乙', phone: testPhone(97), role: '社区社工', hiredOn: '2026-11-20' } });
      const committee = (await res.json()) as { socialWorkers: { id: string; name: string }[] };
      return { socialWorkerId: committee.socialWorkers.find((w) => w.name === '社工乙')!.id };
    },
    request: (fx) => ({ path: `${base(fx.cityA.ids)}/social-workers/${fx.cityA.ids.socialWorkerId}`, json: { leftOn: '2026-11-24', phone: testPhone(96) } }),
  },
];
