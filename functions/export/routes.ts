import { Hono } from 'hono';
import { routeModules } from '../api/modules.js';

export interface FunctionRoute {
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** In API Gateway's syntax: /v1/tenants/{code}/export. */
  path: string;
}

/**
 * The routes API Gateway sends to the export function: every route of the modules routeModules marks as served by it,
 * read from the modules themselves, so no path is written twice.
 */
export async function exportFunctionRoutes(): Promise<FunctionRoute[]> {
  const app = new Hono();
  for (const module of routeModules) if ('servedBy' in module && module.servedBy === 'export') app.route(module.prefix, await module.load());
  const keys = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
  return [...keys].sort().map((key) => {
    const [method, path] = key.split(' ') as [FunctionRoute['method'], string];
    return { method, path };
  });
}
