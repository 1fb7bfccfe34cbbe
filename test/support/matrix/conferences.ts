import { runConferenceWorker } from '../conferences.js';
import type { MatrixEntry, MatrixFixture } from './types.js';

const STREET = '440103001';

async function conferenceData(fx: MatrixFixture): Promise<Record<string, string>> {
  const { h } = fx;
  const street = await h.cityToken(fx.cityA.code, 'street_officer', STREET);
  const call = async (method: string, path: string, json?: unknown) => {
    const res = await h.request(method, path, { token: street, json });
    if (res.status >= 300) throw new Error(`conference setup ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const unit = await call('POST', '/v1/member-units', { name: '矩阵测试医院', type: 'enterprise', email: 'matrix@example.cn', phone: '13800138000' });
  const series = await call('POST', '/v1/conferences/series', { title: '矩阵联席会议', rrule: 'FREQ=MONTHLY', firstStartLocal: '2026-12-01T09:30', venue: '矩阵会议室', defaultInvitees: [unit.id] });
  await runConferenceWorker(h);
  const { items } = (await call('GET', `/v1/conferences/occurrences?series=${series.id as string}`)) as { items: { id: string }[] };
  const saved = h.clock.now();
  h.clock.set('2026-12-01T03:00:00Z');
  const held = await call('POST', `/v1/conferences/occurrences/${items[0]!.id}/minutes`, { minutes: '矩阵纪要', attendance: [{ memberUnitId: unit.id, attended: true }], resolutions: [{ title: '开放篮球场', ownerMemberUnitId: unit.id, dueDate: '2027-01-31' }] });
  h.clock.set(saved);
  const feed = await call('POST', '/v1/conferences/calendar-feeds', { scope: 'unit', subject: STREET });
  return {
    memberUnit: unit.id as string,
    series: series.id as string,
    occurrence: items[1]!.id,
    resolution: (held.resolutions as { id: string }[])[0]!.id,
    feed: feed.id as string,
  };
}

export const conferenceEntries: MatrixEntry[] = [
  { method: 'POST', route: '/v1/member-units', owner: 'city', setup: conferenceData, request: () => ({ path: '/v1/member-units', json: { street: STREET, name: '越权单位', type: 'agency' } }) },
  { method: 'GET', route: '/v1/member-units', owner: 'city', request: () => ({ path: `/v1/member-units?unit=${STREET}` }) },
  { method: 'GET', route: '/v1/member-units/:id', owner: 'city', request: (fx) => ({ path: `/v1/member-units/${fx.cityA.ids.memberUnit}?reveal=true` }) },
  { method: 'PATCH', route: '/v1/member-units/:id', owner: 'city', request: (fx) => ({ path: `/v1/member-units/${fx.cityA.ids.memberUnit}`, json: { active: false } }) },
  { method: 'POST', route: '/v1/conferences/series', owner: 'city', request: () => ({ path: '/v1/conferences/series', json: { convenerUnit: STREET, title: '越权会议', rrule: 'FREQ=MONTHLY', firstStartLocal: '2027-01-05T09:00', venue: '越权会议室' } }) },
  { method: 'GET', route: '/v1/conferences/series', owner: 'city', request: () => ({ path: `/v1/conferences/series?unit=${STREET}` }) },
  { method: 'GET', route: '/v1/conferences/series/:id', owner: 'city', request: (fx) => ({ path: `/v1/conferences/series/${fx.cityA.ids.series}` }) },
  { method: 'PATCH', route: '/v1/conferences/series/:id', owner: 'city', request: (fx) => ({ path: `/v1/conferences/series/${fx.cityA.ids.series}`, json: { status: 'ended' } }) },
  { method: 'POST', route: '/v1/conferences/series/:id/held-meetings', owner: 'city', request: (fx) => ({ path: `/v1/conferences/series/${fx.cityA.ids.series}/held-meetings`, json: { startsLocal: '2026-11-20T09:00', minutes: '越权补录的纪要', attendance: [{ memberUnitId: fx.cityA.ids.memberUnit, attended: true }] } }) },
  { method: 'GET', route: '/v1/conferences/occurrences', owner: 'city', request: () => ({ path: `/v1/conferences/occurrences?unit=${STREET}&from=2026-11-01` }) },
  { method: 'GET', route: '/v1/conferences/occurrences/:id', owner: 'city', request: (fx) => ({ path: `/v1/conferences/occurrences/${fx.cityA.ids.occurrence}` }) },
  { method: 'POST', route: '/v1/conferences/occurrences/:id/cancel', owner: 'city', request: (fx) => ({ path: `/v1/conferences/occurrences/${fx.cityA.ids.occurrence}/cancel`, json: { reason: '越权取消' } }) },
  { method: 'POST', route: '/v1/conferences/occurrences/:id/move', owner: 'city', request: (fx) => ({ path: `/v1/conferences/occurrences/${fx.cityA.ids.occurrence}/move`, json: { startsLocal: '2027-01-08T09:00', reason: '越权改期' } }) },
  { method: 'POST', route: '/v1/conferences/occurrences/:id/minutes', owner: 'city', request: (fx) => ({ path: `/v1/conferences/occurrences/${fx.cityA.ids.occurrence}/minutes`, json: { minutes: '越权纪要', attendance: [] } }) },
  { method: 'GET', route: '/v1/conferences/resolutions', owner: 'city', request: () => ({ path: `/v1/conferences/resolutions?unit=${STREET}` }) },
  { method: 'POST', route: '/v1/conferences/resolutions/:id/close', owner: 'city', request: (fx) => ({ path: `/v1/conferences/resolutions/${fx.cityA.ids.resolution}/close`, json: { note: '越权办结' } }) },
  { method: 'GET', route: '/v1/conferences/cadence', owner: 'city', request: () => ({ path: `/v1/conferences/cadence?unit=${STREET}` }) },
  { method: 'GET', route: '/v1/conferences/calendar', owner: 'city', request: () => ({ path: `/v1/conferences/calendar?unit=${STREET}` }) },
  { method: 'POST', route: '/v1/conferences/calendar-feeds', owner: 'city', request: () => ({ path: '/v1/conferences/calendar-feeds', json: { scope: 'unit', subject: STREET } }) },
  { method: 'GET', route: '/v1/conferences/calendar-feeds', owner: 'city', request: () => ({ path: `/v1/conferences/calendar-feeds?unit=${STREET}` }) },
  { method: 'DELETE', route: '/v1/conferences/calendar-feeds/:id', owner: 'city', request: (fx) => ({ path: `/v1/conferences/calendar-feeds/${fx.cityA.ids.feed}` }) },
];
