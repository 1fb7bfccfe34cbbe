import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './env.js';

/** One `.route(prefix, app)` of a route module: its sub-app and the routes (`METHOD /full/path`, Hono syntax) it serves. */
export interface RouteMount<M> {
  prefix: string;
  app: (module: M) => OpenAPIHono<ApiEnv, any, any>;
  routes: readonly string[];
}

/** A route module, imported (its zod schemas and its service with it) on the first request to one of its routes. */
export interface RouteGroup<M = unknown> {
  name: string;
  load: () => Promise<M>;
  mounts: readonly RouteMount<M>[];
}

const group = <M>(name: string, load: () => Promise<M>, mounts: RouteMount<M>[]): RouteGroup => ({ name, load, mounts }) as unknown as RouteGroup;

/**
 * Every route of the API, by module, in the order the app registers them (issue #4). The app routes each of these to
 * its module without importing it, so a cold start evaluates no route's schemas; the first request to a module loads
 * it. test/api/lazy-routes.test.ts fails, printing the lines to paste here, when a module's routes and this table differ.
 */
export const routeGroups: readonly RouteGroup[] = [
  group('tenants', () => import('./routes/tenants.js'), [
    { prefix: '/v1/tenants', app: (m) => m.tenantRoutes, routes: [
      'POST /v1/tenants',
      'GET /v1/tenants',
      'GET /v1/tenants/:code',
      'POST /v1/tenants/:code/deactivate',
      'POST /v1/tenants/:code/activate',
      'DELETE /v1/tenants/:code',
    ] },
  ]),
  group('tenant-export', () => import('./routes/tenant-export.js'), [
    { prefix: '/v1/tenants', app: (m) => m.tenantExportRoutes, routes: [
      'PUT /v1/tenants/:code/export-recipient',
      'GET /v1/tenants/:code/export-recipient',
      'GET /v1/tenants/:code/export',
    ] },
  ]),
  group('divisions', () => import('./routes/divisions.js'), [
    { prefix: '/v1/divisions', app: (m) => m.divisionRoutes, routes: [
      'POST /v1/divisions/import',
      'GET /v1/divisions',
      'GET /v1/divisions/:code',
      'GET /v1/divisions/:code/summary',
    ] },
  ]),
  group('communities', () => import('./routes/communities.js'), [
    { prefix: '/v1/communities', app: (m) => m.communityRoutes, routes: [
      'GET /v1/communities',
      'GET /v1/communities/:code',
      'PATCH /v1/communities/:code',
    ] },
  ]),
  group('adjustment-plans', () => import('./routes/adjustment-plans.js'), [
    { prefix: '/v1/adjustment-plans', app: (m) => m.adjustmentPlanRoutes, routes: [
      'POST /v1/adjustment-plans',
      'GET /v1/adjustment-plans',
      'GET /v1/adjustment-plans/:id',
      'POST /v1/adjustment-plans/:id/submit',
      'POST /v1/adjustment-plans/:id/approve',
      'POST /v1/adjustment-plans/:id/reject',
    ] },
  ]),
  group('committees', () => import('./routes/committees.js'), [
    { prefix: '/v1/committees', app: (m) => m.committeeRoutes, routes: [
      'GET /v1/committees',
      'POST /v1/committees',
      'GET /v1/committees/:id',
      'PUT /v1/committees/:id/size',
      'GET /v1/committees/:id/members',
      'POST /v1/committees/:id/members',
      'GET /v1/committees/:id/members/:memberId',
      'PATCH /v1/committees/:id/members/:memberId',
      'GET /v1/committees/:id/vacancies',
      'PUT /v1/committees/:id/systems/:system',
      'POST /v1/committees/:id/working-committees',
      'PATCH /v1/committees/:id/working-committees/:workingCommitteeId',
      'POST /v1/committees/:id/social-workers',
      'PATCH /v1/committees/:id/social-workers/:socialWorkerId',
    ] },
  ]),
  group('elections', () => import('./routes/elections.js'), [
    { prefix: '/v1/elections', app: (m) => m.electionRoutes, routes: [
      'GET /v1/elections',
      'POST /v1/elections',
      'GET /v1/elections/:id',
      'POST /v1/elections/:id/rounds',
      'POST /v1/elections/:id/results',
      'POST /v1/elections/:id/certify',
      'GET /v1/elections/:id/verify',
    ] },
  ]),
  group('training', () => import('./routes/training.js'), [
    { prefix: '/v1/training', app: (m) => m.trainingRoutes, routes: [
      'POST /v1/training/programmes',
      'GET /v1/training/programmes',
      'GET /v1/training/programmes/:id',
      'POST /v1/training/programmes/:id/materials',
      'POST /v1/training/plans',
      'GET /v1/training/plans',
      'GET /v1/training/plans/:id',
      'POST /v1/training/plans/:id/sessions',
      'GET /v1/training/sessions',
      'GET /v1/training/sessions/:id',
      'POST /v1/training/sessions/:id/enrolments',
      'POST /v1/training/sessions/:id/attendance',
      'POST /v1/training/completions',
      'GET /v1/training/obligations',
      'GET /v1/training/compliance',
      'GET /v1/training/settings/:city',
      'PATCH /v1/training/settings/:city',
    ] },
  ]),
  group('settings', () => import('./routes/settings.js'), [
    { prefix: '/v1/province/settings', app: (m) => m.settingsRoutes, routes: [
      'GET /v1/province/settings',
      'PATCH /v1/province/settings',
    ] },
  ]),
  group('notifications', () => import('./routes/notifications.js'), [
    { prefix: '/v1/notifications', app: (m) => m.notificationRoutes, routes: [
      'GET /v1/notifications',
      'POST /v1/notifications/:id/read',
    ] },
  ]),
  group('member-units', () => import('./routes/member-units.js'), [
    { prefix: '/v1/member-units', app: (m) => m.memberUnitRoutes, routes: [
      'POST /v1/member-units',
      'GET /v1/member-units',
      'GET /v1/member-units/:id',
      'PATCH /v1/member-units/:id',
    ] },
  ]),
  group('conferences', () => import('./routes/conferences.js'), [
    { prefix: '/v1/conferences', app: (m) => m.conferenceRoutes, routes: [
      'POST /v1/conferences/series',
      'GET /v1/conferences/series',
      'GET /v1/conferences/series/:id',
      'PATCH /v1/conferences/series/:id',
      'GET /v1/conferences/occurrences',
      'GET /v1/conferences/occurrences/:id',
      'POST /v1/conferences/occurrences/:id/cancel',
      'POST /v1/conferences/occurrences/:id/move',
      'POST /v1/conferences/occurrences/:id/minutes',
      'GET /v1/conferences/resolutions',
      'POST /v1/conferences/resolutions/:id/close',
      'GET /v1/conferences/cadence',
      'GET /v1/conferences/calendar',
      'POST /v1/conferences/calendar-feeds',
      'GET /v1/conferences/calendar-feeds',
      'DELETE /v1/conferences/calendar-feeds/:id',
    ] },
  ]),
  group('capability-links', () => import('./routes/capability-links.js'), [
    { prefix: '/r', app: (m) => m.replyLinkRoutes, routes: [
      'GET /r/:token',
      'POST /r/:token',
    ] },
    { prefix: '/ical', app: (m) => m.calendarFeedRoutes, routes: [
      'GET /ical/:token',
    ] },
  ]),
  group('reform', () => import('./routes/reform.js'), [
    { prefix: '/v1/reform', app: (m) => m.reformRoutes, routes: [
      'GET /v1/reform/programme',
      'GET /v1/reform/pilots',
      'POST /v1/reform/pilots',
      'DELETE /v1/reform/pilots/:id',
      'GET /v1/reform/pilots/check',
      'GET /v1/reform/demonstrations',
      'POST /v1/reform/demonstrations',
      'GET /v1/reform/self-inspections',
      'POST /v1/reform/self-inspections',
      'GET /v1/reform/self-inspections/:id',
      'PUT /v1/reform/self-inspections/:id/items/:itemCode',
      'POST /v1/reform/self-inspections/:id/submit',
      'GET /v1/reform/figures',
    ] },
  ]),
  group('province-reform', () => import('./routes/province-reform.js'), [
    { prefix: '/v1/province', app: (m) => m.provinceReformRoutes, routes: [
      'GET /v1/province/reform-programme',
      'PUT /v1/province/reform-programme',
      'GET /v1/province/inspection-checklist',
      'PUT /v1/province/inspection-checklist',
      'GET /v1/province/inspection-submissions',
      'GET /v1/province/inspection-submissions/:id',
      'GET /v1/province/spot-checks',
      'POST /v1/province/spot-checks',
      'GET /v1/province/spot-checks/:id',
      'GET /v1/province/spot-checks/:id/frame',
      'GET /v1/province/spot-checks/:id/redraw',
      'PUT /v1/province/spot-checks/:id/findings/:code',
    ] },
  ]),
  group('reporting', () => import('./routes/reporting.js'), [
    { prefix: '/v1/report-templates', app: (m) => m.reportTemplateRoutes, routes: [
      'POST /v1/report-templates',
      'GET /v1/report-templates',
      'GET /v1/report-templates/:id',
      'POST /v1/report-templates/:id/periods',
    ] },
    { prefix: '/v1/reports', app: (m) => m.reportRoutes, routes: [
      'POST /v1/reports',
      'GET /v1/reports/periods',
      'GET /v1/reports',
      'GET /v1/reports/:id',
      'PATCH /v1/reports/:id',
      'POST /v1/reports/:id/refresh',
      'POST /v1/reports/:id/submit',
      'POST /v1/reports/:id/revise',
    ] },
    { prefix: '/v1/province', app: (m) => m.provinceReportingRoutes, routes: [
      'GET /v1/province/reports',
      'GET /v1/province/reports/:id',
      'POST /v1/province/reports/:id/accept',
      'POST /v1/province/reports/:id/return',
      'GET /v1/province/aggregates',
      'GET /v1/province/aggregates/export',
      'GET /v1/province/completeness',
      'GET /v1/province/completeness/export',
      'GET /v1/province/late-reports',
    ] },
  ]),
  group('services', () => import('./routes/services.js'), [
    { prefix: '/v1', app: (m) => m.serviceRoutes, routes: [
      'GET /v1/facilities',
      'POST /v1/facilities',
      'GET /v1/facilities/:id',
      'PATCH /v1/facilities/:id',
      'GET /v1/service-units',
      'POST /v1/service-units',
      'GET /v1/service-units/:id',
      'PATCH /v1/service-units/:id',
      'GET /v1/volunteer-organisations',
      'POST /v1/volunteer-organisations',
      'GET /v1/volunteers',
      'POST /v1/volunteers',
      'GET /v1/volunteers/:id',
      'GET /v1/volunteers/:id/ledger',
      'POST /v1/volunteers/:id/ledger',
      'GET /v1/services/figures',
    ] },
  ]),
];
