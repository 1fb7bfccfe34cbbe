import type { Hono } from 'hono';
import type { MergeSchemaPath, Schema } from 'hono/types';
import type { ApiEnv } from './env.js';
import type { newRouter } from './router.js';

type Router = ReturnType<typeof newRouter>;

/**
 * Where each route module is mounted, in mounting order: the one list. A module declares its routes; this says only at
 * which prefix it goes, as `app.route(prefix, module)` would. `createApp` (functions/api/app.ts) mounts them all at
 * start-up; the API Lambda (functions/api/lazy.ts) imports a module the first time a request reaches its prefix, so a
 * cold start reads and builds only what its first request needs (issue #20: the eager app's init was 1.70x the
 * same-libraries baseline). Each `import()` is a chunk of its own in the bundle.
 */
export const routeModules = [
  { prefix: '/v1/tenants', load: async () => (await import('./routes/tenants.js')).tenantRoutes },
  // API Gateway sends these routes to the export function (functions/export/), which alone is given the export service
  { prefix: '/v1/tenants', servedBy: 'export', load: async () => (await import('./routes/tenant-export.js')).tenantExportRoutes },
  { prefix: '/v1/divisions', load: async () => (await import('./routes/divisions.js')).divisionRoutes },
  { prefix: '/v1/communities', load: async () => (await import('./routes/communities.js')).communityRoutes },
  { prefix: '/v1/adjustment-plans', load: async () => (await import('./routes/adjustment-plans.js')).adjustmentPlanRoutes },
  { prefix: '/v1/committees', load: async () => (await import('./routes/committees.js')).committeeRoutes },
  { prefix: '/v1/assemblies', load: async () => (await import('./routes/assemblies.js')).assemblyRoutes },
  { prefix: '/v1/elections', load: async () => (await import('./routes/elections.js')).electionRoutes },
  { prefix: '/v1/training', load: async () => (await import('./routes/training.js')).trainingRoutes },
  { prefix: '/v1/province/settings', load: async () => (await import('./routes/settings.js')).settingsRoutes },
  { prefix: '/v1/notifications', load: async () => (await import('./routes/notifications.js')).notificationRoutes },
  { prefix: '/v1/member-units', load: async () => (await import('./routes/member-units.js')).memberUnitRoutes },
  { prefix: '/v1/conferences', load: async () => (await import('./routes/conferences.js')).conferenceRoutes },
  { prefix: '/r', load: async () => (await import('./routes/capability-links.js')).replyLinkRoutes },
  { prefix: '/ical', load: async () => (await import('./routes/capability-links.js')).calendarFeedRoutes },
  { prefix: '/p', load: async () => (await import('./routes/public-pages.js')).publicPageRoutes },
  { prefix: '/v1/public', load: async () => (await import('./routes/public-pages.js')).publicDataRoutes },
  { prefix: '/v1/reform', load: async () => (await import('./routes/reform.js')).reformRoutes },
  { prefix: '/v1/province', load: async () => (await import('./routes/province-reform.js')).provinceReformRoutes },
  { prefix: '/v1/report-templates', load: async () => (await import('./routes/reporting.js')).reportTemplateRoutes },
  { prefix: '/v1/reports', load: async () => (await import('./routes/reporting.js')).reportRoutes },
  { prefix: '/v1/province', load: async () => (await import('./routes/reporting.js')).provinceReportingRoutes },
  { prefix: '/v1', load: async () => (await import('./routes/services.js')).serviceRoutes },
  { prefix: '/v1/consultations', load: async () => (await import('./routes/consultations.js')).consultationRoutes },
  { prefix: '/v1/public', load: async () => (await import('./routes/consultations.js')).publicConsultationRoutes },
  { prefix: '/p', load: async () => (await import('./routes/consultation-pages.js')).consultationPages },
  { prefix: '/v1/duties', load: async () => (await import('./routes/duties.js')).dutyRoutes },
  { prefix: '/v1/unregistered-demands', load: async () => (await import('./routes/duties.js')).demandRoutes },
  { prefix: '/v1/channels', load: async () => (await import('./routes/channels.js')).channelRoutes },
  { prefix: '/v1/todo', load: async () => (await import('./routes/todo.js')).todoRoutes },
] as const satisfies readonly RouteModule[];

export type RouteModules = typeof routeModules;

interface RouteModule {
  prefix: string;
  /** The Lambda function API Gateway sends the module's routes to, when it is not the API function. */
  servedBy?: 'export';
  load: () => Promise<Router>;
}

/** The mounted modules, by position in routeModules; a lazily built app has only those loaded so far. */
export type MountedModules = readonly (Router | undefined)[];

/** The routes of every module under its prefix, as a chain of app.route() calls would type them (for AppType and hc). */
// a module of plain (HTML) routes declares no schema: it adds nothing to the typed client
type Mounted<M> = M extends { prefix: infer P extends string; load: () => Promise<Hono<ApiEnv, infer S extends Schema, '/'>> } ? (keyof S extends never ? never : MergeSchemaPath<S, P>) : never;
export type RouteSchema = Mounted<RouteModules[number]>;

/** Whether a request path falls under a module's prefix (the module may or may not have a route for it). */
export function underPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

export function loadRouteModules(): Promise<Router[]> {
  return Promise.all(routeModules.map((module) => module.load()));
}
