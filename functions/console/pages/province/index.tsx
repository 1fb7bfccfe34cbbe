import { Hono } from 'hono';
import type { ConsoleOptions } from '../../options.js';
import type { ConsoleEnv } from '../../session.js';
import { provinceOnly } from './common.js';
import { dashboardPages } from './dashboard.js';
import { provinceReformPages } from './reform.js';
import { provinceReportPages } from './reports.js';
import { templatePages } from './templates.js';
import { tenantPages } from './tenants.js';

/** 省民政厅: the dashboard, the tenant registry, report templates, the cities' submitted reports and the reform's supervision. */
export function provincePages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  app.use('/province', provinceOnly);
  app.use('/province/*', provinceOnly);
  app.route('/', dashboardPages(options));
  app.route('/', tenantPages(options));
  app.route('/', templatePages(options));
  app.route('/', provinceReportPages(options));
  app.route('/', provinceReformPages(options));
  return app;
}
