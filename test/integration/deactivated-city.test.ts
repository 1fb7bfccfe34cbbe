import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerVerbs } from '../../functions/workers/registry.js';
import { processMessages, type ParsedMessage } from '../../shared/workers/process.js';
import { mailbox, runConferenceWorker } from '../support/conferences.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let street: string;
let province: string;
const mail = mailbox();
const STREET = '440103001';
type Json = Record<string, any>;
let replyLink: string;
let feedUrl: string;
let parkedSeries: string;
let parkedMessage: ParsedMessage<'conferenceScheduling'>;

const ok = async (token: string, method: string, path: string, json?: unknown): Promise<Json> => {
  const res = await h.request(method, path, { token, json });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
};
const occurrences = async (series: string) => ((await ok(street, 'GET', `/v1/conferences/occurrences?series=${series}&from=2026-11-01&to=2028-01-01`)).items as Json[]);
const count = async (query: ReturnType<typeof sql>) => (await h.asOwner<{ n: number }>(query))[0]!.n;
const deliver = (messages: ParsedMessage<'conferenceScheduling'>[]) =>
  processMessages('conferenceScheduling', messages, workerVerbs.conferenceScheduling, { db: h.database.db, clock: h.clock, logger: h.logger, config: { provinceCode: '44', provinceName: '广东省' }, mail });
const unsentConferenceMessages = () => h.asOwner<{ id: string; body: ParsedMessage<'conferenceScheduling'>['body'] }>(sql`select id, body from outbox where queue = 'conference-scheduling' and sent_at is null order by created_at, id`);

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  province = await h.provinceToken();
  const admin = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  street = await h.cityToken('4401', 'street_officer', STREET);
  const hospital = (await ok(street, 'POST', '/v1/member-units', { name: '荔湾区人民医院', type: 'enterprise', email: 'hospital@example.cn' })).id as string;
  const base = { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', venue: '沙面街道办事处三楼会议室', defaultInvitees: [hospital] };
  await ok(street, 'POST', '/v1/conferences/series', { ...base, title: '沙面街道社区工作联席会议', firstStartLocal: '2026-12-15T09:30' });
  expect(await runConferenceWorker(h, mail)).toBe(1);
  replyLink = mail.sent.find((m) => m.to === 'hospital@example.cn')!.link!;
  feedUrl = (await ok(street, 'POST', '/v1/conferences/calendar-feeds', { scope: 'unit', subject: STREET })).url as string;
  parkedSeries = (await ok(street, 'POST', '/v1/conferences/series', { ...base, title: '沙面街道平安建设联席会议', firstStartLocal: '2026-12-16T09:30', venue: '沙面街道办事处二楼会议室' })).id as string;
  const [pending] = await unsentConferenceMessages();
  await h.asOwner(sql`update outbox set sent_at = now() where id = ${pending!.id}`);
  parkedMessage = { messageId: 'sqs-1', key: pending!.id, body: pending!.body };
  expect((await h.request('POST', '/v1/tenants/4401/deactivate', { token: province })).status).toBe(200);
});
afterAll(async () => {
  await h?.close();
});

describe('capability links of a deactivated city', () => {
  it('a reply link answers 403 tenant_inactive to GET and POST, and the POST writes neither a reply nor an audit row', async () => {
    const audits = await count(sql`select count(*)::int as n from audit_log where action = 'conference_invitation.replied'`);
    expect(await (await h.request('GET', replyLink)).json()).toMatchObject({ status: 403, code: 'tenant_inactive', title: '该市租户已停用' });
    expect(await (await h.request('POST', replyLink, { json: { reply: 'accepted' } })).json()).toMatchObject({ status: 403, code: 'tenant_inactive' });
    expect(await count(sql`select count(*)::int as n from conference_invitations where reply <> 'pending'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'conference_invitation.replied'`)).toBe(audits);
  });

  it('a calendar feed answers 403 tenant_inactive; an unknown token is still 404', async () => {
    const feed = await h.request('GET', feedUrl);
    expect(feed.status).toBe(403);
    expect(await feed.json()).toMatchObject({ code: 'tenant_inactive' });
    expect((await h.request('GET', `/r/4401.${'A'.repeat(43)}`)).status).toBe(404);
  });
});

describe('messages of a deactivated city are parked, never dropped, and replayed on activation', () => {
  it('parks the message (acknowledged, nothing done), and a redelivery parks nothing twice', async () => {
    expect([...(await deliver([parkedMessage])).values()]).toEqual([]);
    expect([...(await deliver([{ ...parkedMessage, messageId: 'sqs-1-again' }])).values()]).toEqual([]);
    const parked = await h.asOwner<{ message_key: string; message_type: string }>(sql`select message_key, message_type from parked_messages where tenant_id = '4401'`);
    expect(parked).toEqual([{ message_key: parkedMessage.key, message_type: parkedMessage.body.type }]);
    expect(await count(sql`select count(*)::int as n from conference_occurrences where series_id = ${parkedSeries}`)).toBe(0);
  });

  it('activation puts it back into the outbox; the worker then does it once, and a late redelivery of the original does nothing', async () => {
    expect((await h.request('POST', '/v1/tenants/4401/activate', { token: province })).status).toBe(200);
    const [replayed] = await unsentConferenceMessages();
    expect(replayed?.body).toEqual(parkedMessage.body);
    expect(await count(sql`select count(*)::int as n from parked_messages`)).toBe(0);
    expect(await runConferenceWorker(h, mail)).toBe(1);
    const meetings = await occurrences(parkedSeries);
    expect(meetings.length).toBeGreaterThan(0);
    expect([...(await deliver([{ ...parkedMessage, messageId: 'sqs-1-late' }])).values()]).toEqual([]);
    expect(await occurrences(parkedSeries)).toHaveLength(meetings.length);
    const [audit] = await h.asOwner<{ detail: Json }>(sql`select detail from audit_log where action = 'tenant.activated' order by at desc limit 1`);
    expect(audit!.detail).toEqual({ replayedMessages: 1 });
  });

  it('links work again once the city is active', async () => {
    expect((await h.request('GET', replyLink)).status).toBe(200);
    expect((await h.request('GET', feedUrl)).status).toBe(200);
  });
});
