import type { MatrixEntry } from './types.js';

export const foundationEntries: MatrixEntry[] = [
  { method: 'POST', route: '/v1/tenants', owner: 'province', request: () => ({ path: '/v1/tenants', json: { code: '4404', name: '珠海市' } }) },
  { method: 'GET', route: '/v1/tenants', owner: 'province', request: () => ({ path: '/v1/tenants' }) },
  { method: 'GET', route: '/v1/tenants/:code', owner: 'province', request: (fx) => ({ path: `/v1/tenants/${fx.cityA.code}` }) },
  { method: 'POST', route: '/v1/tenants/:code/deactivate', owner: 'province', request: (fx) => ({ path: `/v1/tenants/${fx.cityA.code}/deactivate` }) },
  { method: 'POST', route: '/v1/tenants/:code/activate', owner: 'province', request: (fx) => ({ path: `/v1/tenants/${fx.cityA.code}/activate` }) },
  { method: 'DELETE', route: '/v1/tenants/:code', owner: 'province', request: (fx) => ({ path: `/v1/tenants/${fx.cityA.code}` }) },
  {
    method: 'POST', route: '/v1/divisions/import', owner: 'city',
    // Another city's import of these rows is refused row by row ("outside city 4403"), as a 400 that writes nothing.
    refusedWith: [400, 403],
    request: () => ({ path: '/v1/divisions/import', body: 'code,name\n440103,荔湾区\n440103001,沙面街道\n440103001001,沙面社区居委会', contentType: 'text/csv' }),
  },
  { method: 'GET', route: '/v1/divisions', owner: 'city', request: () => ({ path: '/v1/divisions?parent=440103' }) },
  { method: 'GET', route: '/v1/divisions/:code', owner: 'city', request: () => ({ path: '/v1/divisions/440103001' }) },
  { method: 'GET', route: '/v1/divisions/:code/summary', owner: 'city', request: () => ({ path: '/v1/divisions/440103/summary' }) },
];
