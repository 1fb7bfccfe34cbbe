import { Hono } from 'hono';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';
import { demandPages } from './duties/demands.js';
import { dutyRegisterPages } from './duties/register.js';

/** 费随事转: the register of duties transferred to communities, unregistered demands, and both by department. */
export function dutyPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  // the demands and departments pages before the register's /duties/:id
  app.route('/', demandPages(options));
  app.route('/', dutyRegisterPages(options));
  return app;
}
