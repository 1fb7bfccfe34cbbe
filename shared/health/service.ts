import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export async function checkHealth(db: Db): Promise<{ status: 'ok' | 'degraded'; database: 'ok' | 'unreachable' }> {
  try {
    await db.execute(sql`select 1`);
    return { status: 'ok', database: 'ok' };
  } catch {
    return { status: 'degraded', database: 'unreachable' };
  }
}
