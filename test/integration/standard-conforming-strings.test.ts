import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotOneTrip, oneTripReadOf, openDatabase, type Database } from '../../db/client.js';
import { readRowsAsTenant } from '../../db/tenant.js';
import type { Principal } from '../../shared/auth/principal.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
/** One connection, so the session setting below is the setting of the connection the next read runs on. */
let single: Database;
const city: Principal = { kind: 'city', subject: 'test', tenant: '4401', role: 'city_admin', unit: '4401' };
const settings = { sql: "select set_config('app.tenant_id', $1, true)", params: ['4401'] };
const hostile = "\\' ; select 1 as v --";

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  if (h.database.label.startsWith('pg:')) {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${h.database.label.slice('pg:'.length)}`;
    single = await openDatabase({ url: url.toString(), driver: 'pg', maxConnections: 1 });
  } else {
    single = h.database;
  }
});
afterAll(async () => {
  if (single && single !== h.database) await single.close();
  await h?.close();
});

describe('standard_conforming_strings off cannot turn a value into SQL on the one-trip read', () => {
  it('sends values as parameters (pg, PGlite) or refuses to inline them (Neon), and reads the same through the ordinary path', async () => {
    const send = oneTripReadOf(single.db)!;
    const read = (value: string) => send(settings, { sql: 'select $1::text as v', params: [value] }, 'object');
    expect((await read('plain')).rows).toEqual([{ v: 'plain' }]);
    // pg's pool discards a connection whose query failed, so the setting is turned off again before each read
    const off = () => single.db.execute(sql`set standard_conforming_strings = off`);
    try {
      await off();
      if (single.driver === 'neon') await expect(read(hostile)).rejects.toBeInstanceOf(NotOneTrip);
      else expect((await read(hostile)).rows).toEqual([{ v: hostile }]);
      await off();
      expect(await readRowsAsTenant(single.db, city, sql`select ${hostile} as v`)).toEqual([{ v: hostile }]);
    } finally {
      await single.db.execute(sql`set standard_conforming_strings = on`);
    }
    expect((await read('again')).rows).toEqual([{ v: 'again' }]);
  });
});
