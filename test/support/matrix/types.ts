import type { Harness } from '../harness.js';

/** What every matrix entry can use: two onboarded cities with data, and tokens for each side. */
export interface MatrixFixture {
  h: Harness;
  /** The city owning the data (4401 广州市), with its division list imported. */
  cityA: { code: string; adminToken: string; ids: Record<string, string> };
  /** Another city (4403 深圳市), also onboarded with data. */
  cityB: { code: string; adminToken: string };
  provinceToken: string;
}

export interface MatrixRequest {
  path: string;
  json?: unknown;
  body?: string;
  contentType?: string;
}

export interface MatrixEntry {
  /** As in Hono's route table, e.g. `/v1/divisions/:code`. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
  /**
   * Who the resource belongs to: a city's routes are tried with city B and the province; the province's with cities.
   * A public route takes no token, in one of two forms. Without `crossed` (residents' consultations), `request` aims at
   * city A's data through city B's address (its code in the path, or in the private link's token), which must be refused
   * as not found. With `crossed` (居务公开), `request` reads city A's published page and each of `crossed` mixes the two
   * cities (a code of one under the other's path), which must be 404 and show nothing of either.
   */
  owner: 'city' | 'province' | 'public';
  /** The request, aimed at city A's data (or, for province routes, at a real tenant). */
  request(fx: MatrixFixture): MatrixRequest | Promise<MatrixRequest>;
  /** Statuses that count as a refusal; 403 and 404 unless the entry says why another one is right. */
  refusedWith?: number[];
  /** For `public` routes: requests that cross the cities, each answered 404. */
  crossed?(fx: MatrixFixture): MatrixRequest[];
  /** Data city A needs for this entry, created once before the matrix runs; returns ids to put in `cityA.ids`. */
  setup?(fx: MatrixFixture): Promise<Record<string, string>>;
}
