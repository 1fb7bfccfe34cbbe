import { Hono } from 'hono';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';
import { divisionPages } from './divisions.js';
import { homePages } from './home.js';

/** The city's pages; each module adds its own routes. */
export function cityPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  app.route('/', homePages(options));
  app.route('/', divisionPages(options));
  return app;
}
