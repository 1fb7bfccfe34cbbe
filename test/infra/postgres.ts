import pg from 'pg';

/** The machine's PostgreSQL the Miniflare and migration tiers use; they skip when it is not there. */
export const serverUrl = process.env.MINIFLARE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(url = serverUrl): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
