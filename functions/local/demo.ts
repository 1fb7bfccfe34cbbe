import { parseArgs } from 'node:util';
import { claimsSchema } from '../../shared/auth/principal.js';
import { loadEnv } from '../../shared/env.js';
import { loadDevIdentity, type DevClaims, type DevIdentity } from './identity.js';
import { DemoError, demoCities, runDemo } from './demo/index.js';

/**
 * Fills a running local stack with a demo worth looking at: three real cities of Guangdong with their official
 * division lists, every module filled for 珠海 (4404), and reports from every city to the province. Everything goes
 * through the HTTP API with development tokens; a second run changes nothing. The modules live in ./demo/.
 */

const usage = `usage: npm run demo [-- --url http://localhost:3000] [--city 4419,4404]
  Needs a running local stack (npm start) and the same DATA_DIR, so that the dev signing key matches.`;

function sender(base: string) {
  return async (method: string, path: string, init: { headers: Record<string, string>; body?: string }) => {
    try {
      return await fetch(new URL(path, base), { method, headers: init.headers, body: init.body, signal: AbortSignal.timeout(120_000) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new DemoError(`cannot reach the local stack at ${base} (${cause?.code ?? cause?.message ?? (error as Error).message}).\n` +
        '  Start it with npm start (or pass --url to point at a stack that is running).');
    }
  };
}

/** Fails early, with a clear message, when nothing listens at the URL or it is not this stack with this signing key. */
async function checkStack(base: string, identity: DevIdentity, dataDir: string): Promise<void> {
  const send = sender(base);
  const health = await send('GET', '/health', { headers: {} });
  if (health.status !== 200) throw new DemoError(`the stack at ${base} is not healthy: HTTP ${health.status} ${await health.text()}`);
  const jwks = await send('GET', '/.well-known/jwks.json', { headers: {} });
  const served = jwks.status === 200 ? (((await jwks.json()) as { keys?: Array<{ kid?: string }> }).keys ?? []).map((k) => k.kid) : [];
  const mine = identity.publicJwks.keys.map((k) => k.kid);
  if (jwks.status === 200 && !mine.some((kid) => served.includes(kid))) {
    throw new DemoError(`the stack at ${base} signs with key ${served.join(', ') || '(none)'}, but ${dataDir} holds key ${mine.join(', ')}.\n` +
      '  Run the demo with the DATA_DIR the stack was started with, e.g. DATA_DIR=/tmp/demo-data npm run demo -- --url http://localhost:3100');
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, city: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const env = loadEnv();
  const base = values.url ?? `http://localhost:${env.PORT}`;
  const wanted = values.city ? values.city.split(',').map((c) => c.trim()) : demoCities.map((c) => c.code);
  const unknown = wanted.filter((c) => !demoCities.some((d) => d.code === c));
  if (unknown.length) {
    console.error(`no seed list for ${unknown.join(', ')}; the demo knows ${demoCities.map((c) => `${c.code} ${c.name}`).join(', ')}\n${usage}`);
    return 2;
  }

  const identity = await loadDevIdentity(env.DATA_DIR, env.JWT_ISSUER);
  await checkStack(base, identity, env.DATA_DIR);
  console.log(`shequ demo against ${base} (province ${env.PROVINCE_CODE} ${env.PROVINCE_NAME})`);
  const mint = async (claims: DevClaims) => identity.issue(claimsSchema.parse(claims) as DevClaims, { expiresIn: '15m' });
  const { failed, created } = await runDemo({ send: sender(base), mint, provinceCode: env.PROVINCE_CODE, cities: wanted });
  const total = Object.values(created).reduce((a, b) => a + b, 0);
  console.log(failed ? `\n${failed} step(s) failed` : `\ndone: ${total ? `${total} records created` : 'nothing new (everything was already there)'}`);
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof DemoError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
}
