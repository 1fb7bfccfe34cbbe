import * as age from 'age-encryption';
import type { MatrixEntry } from './types.js';

const recipient = await age.identityToRecipient(await age.generateIdentity());

export const tenantExportEntries: MatrixEntry[] = [
  {
    method: 'PUT', route: '/v1/tenants/:code/export-recipient', owner: 'city',
    request: (fx) => ({ path: `/v1/tenants/${fx.cityA.code}/export-recipient`, json: { recipient } }),
    setup: async (fx) => {
      const res = await fx.h.request('PUT', `/v1/tenants/${fx.cityA.code}/export-recipient`, { token: fx.cityA.adminToken, json: { recipient } });
      if (res.status !== 200) throw new Error(`registering the export recipient failed: ${res.status} ${await res.text()}`);
      return {};
    },
  },
  { method: 'GET', route: '/v1/tenants/:code/export-recipient', owner: 'city', request: (fx) => ({ path: `/v1/tenants/${fx.cityA.code}/export-recipient` }) },
  { method: 'GET', route: '/v1/tenants/:code/export', owner: 'province', request: (fx) => ({ path: `/v1/tenants/${fx.cityA.code}/export` }) },
];
