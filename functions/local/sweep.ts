import { parseArgs } from 'node:util';
import { loadEnv } from '../../shared/env.js';
import { outboxRelayJob, sweepJobNames } from '../../shared/sweeps/catalogue.js';
import { shanghaiTime } from '../../shared/time.js';
import { loadDevIdentity } from './identity.js';

const usage = `usage: npm run sweep -- <${[...sweepJobNames, outboxRelayJob.job].join('|')}> [--as-of 2027-03-01T00:00:00+08:00]
Runs a schedule by hand on the running \`npm start\` stack (catch-up after an outage, backfills).`;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'as-of': { type: 'string' }, help: { type: 'boolean', default: false } } });
const job = positionals[0];
if (values.help || !job) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const asOf = values['as-of'] ? new Date(values['as-of']) : new Date();
if (Number.isNaN(asOf.getTime())) {
  console.error(`--as-of ${values['as-of']} is not a time; write e.g. 2027-03-01T00:00:00+08:00`);
  process.exit(2);
}

const env = loadEnv();
const identity = await loadDevIdentity(env.DATA_DIR, env.JWT_ISSUER);
const token = await identity.issue({ sub: 'operator-cli', scope: 'province', role: 'province_admin', unit: env.PROVINCE_CODE }, { expiresIn: '5m' });
const base = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
const path = job === outboxRelayJob.job ? '/__local/outbox/relay' : `/__local/sweeps/${encodeURIComponent(job)}?asOf=${encodeURIComponent(asOf.toISOString())}`;
const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch((error: unknown) => {
  console.error(`the local stack is not reachable at ${base} (${error instanceof Error ? error.message : String(error)}); start it with npm start`);
  process.exit(1);
});
const result = (await response.json()) as Record<string, unknown>;
if (!response.ok) {
  console.error(result.error ?? result);
  process.exit(1);
}
if (job !== outboxRelayJob.job) console.log(`${job} as of ${shanghaiTime(asOf)} (${asOf.toISOString()} UTC)`);
console.log(JSON.stringify(result, null, 2));
