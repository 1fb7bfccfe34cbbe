import { createMiddleware } from 'hono/factory';
import { ConsoleApi } from './api.js';
import type { UnitInfo } from './layout.js';
import type { ConsoleOptions } from './options.js';
import type { ConsoleEnv } from './session.js';

const FRESH_MS = 60_000;

/**
 * The session's unit by name for the header: a token carries a code, the name comes from the API (the division, or the
 * city's own row when it has none). Kept per process for a minute by the injected clock, keyed by tenant and unit, so a
 * page adds no call on a warm instance; a unit the API cannot name shows its code.
 */
export function resolveUnit(options: Pick<ConsoleOptions, 'callApi' | 'clock' | 'provinceName'>) {
  const cache = new Map<string, { at: number; unit: UnitInfo }>();
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    const session = c.get('session');
    const p = session.principal;
    if (p.kind === 'province') {
      c.set('unit', { code: p.unit, name: options.provinceName, kind: null });
      return next();
    }
    const key = `${p.kind === 'city' ? p.tenant : ''}:${p.unit}`;
    const now = options.clock.now().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < FRESH_MS) {
      c.set('unit', hit.unit);
      return next();
    }
    const api = new ConsoleApi(options, session.token, c.get('requestId'));
    const found = await api.get<{ code: string; name: string; kind: string | null }>(`/v1/divisions/${p.unit}`);
    let unit: UnitInfo | undefined;
    if (found.ok) unit = { code: found.data.code, name: found.data.name, kind: found.data.kind };
    else if (p.kind === 'city' && p.unit === p.tenant) {
      // a city whose list has no row for the city itself: the to-do view names it from the tenant registry
      const todo = await api.get<{ unit: { code: string; name: string; kind: string | null } }>('/v1/todo');
      if (todo.ok) unit = { code: todo.data.unit.code, name: todo.data.unit.name, kind: todo.data.unit.kind };
    }
    if (unit) {
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { at: now, unit });
      c.set('unit', unit);
    }
    return next();
  });
}
