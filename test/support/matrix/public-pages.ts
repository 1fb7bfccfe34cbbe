import type { MatrixEntry, MatrixFixture } from './types.js';

const SHAMIAN = '440103001001';
const SONGYUAN = '440303001001';

/** City A publishes 沙面 and city B 松园, so a 404 across the cities is not merely an unpublished page. */
async function publishBoth(fx: MatrixFixture): Promise<Record<string, string>> {
  for (const [token, code] of [[fx.cityA.adminToken, SHAMIAN], [fx.cityB.adminToken, SONGYUAN]] as const) {
    const res = await fx.h.request('PUT', `/v1/communities/${code}/publication`, { token, json: { publishable: true } });
    if (res.status !== 200) throw new Error(`publishing ${code} failed: ${res.status} ${await res.text()}`);
  }
  // the fuzz fixture's pool takes these as values for the path parameters of the same names
  return { cityCode: fx.cityA.code, communityCode: SHAMIAN };
}

const crossed = (path: (city: string, community: string) => string) => (fx: MatrixFixture) => [
  { path: path(fx.cityB.code, SHAMIAN) },
  { path: path(fx.cityA.code, SONGYUAN) },
];
const page = (city: string, community: string) => `/p/${city}/${community}`;
const data = (city: string, community: string) => `/v1/public/cities/${city}/communities/${community}`;

export const publicPageEntries: MatrixEntry[] = [
  { method: 'PUT', route: '/v1/communities/:code/publication', owner: 'city', request: () => ({ path: `/v1/communities/${SHAMIAN}/publication`, json: { publishable: false } }) },
  { method: 'GET', route: '/p/:cityCode/:communityCode', owner: 'public', setup: publishBoth, request: (fx) => ({ path: page(fx.cityA.code, SHAMIAN) }), crossed: crossed(page) },
  { method: 'GET', route: '/v1/public/cities/:cityCode/communities/:communityCode', owner: 'public', request: (fx) => ({ path: data(fx.cityA.code, SHAMIAN) }), crossed: crossed(data) },
];
