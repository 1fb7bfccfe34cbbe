import { parseArgs } from 'node:util';
import { claimsSchema, roles, type Role } from '../../shared/auth/principal.js';
import { loadEnv } from '../../shared/env.js';
import { loadDevIdentity } from './identity.js';

const usage = `usage:
  npm run token -- --tenant 4401 --role city_admin [--unit 4401] [--sub name] [--expires 8h]
  npm run token -- --province --role province_admin [--sub name]
roles: ${roles.join(', ')}`;

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    province: { type: 'boolean', default: false },
    role: { type: 'string' },
    unit: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '8h' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || !values.role) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const env = loadEnv();
const role = values.role as Role;
const claims = values.province
  ? { sub: values.sub ?? `dev-${role}`, scope: 'province' as const, role, unit: values.unit ?? env.PROVINCE_CODE }
  : { sub: values.sub ?? `dev-${role}-${values.tenant}`, tenant: values.tenant, role, unit: values.unit ?? values.tenant ?? '' };
const checked = claimsSchema.safeParse(claims);
if (!checked.success) {
  console.error(checked.error.issues.map((i) => `${i.path.join('.') || 'claims'}: ${i.message}`).join('\n'));
  console.error(usage);
  process.exit(2);
}
const identity = await loadDevIdentity(env.DATA_DIR, env.JWT_ISSUER);
console.log(await identity.issue(checked.data, { expiresIn: values.expires }));
