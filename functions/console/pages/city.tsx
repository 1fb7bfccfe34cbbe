import { Hono } from 'hono';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';
import { communityPages } from './communities.js';
import { conferencePages } from './conferences.js';
import { divisionPages } from './divisions.js';
import { electionPages } from './elections.js';
import { homePages } from './home.js';
import { inboxPages } from './inbox.js';
import { planPages } from './plans.js';
import { reportPages } from './reports.js';
import { trainingPages } from './training.js';

/** The city's pages; each module adds its own routes. */
export function cityPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  app.route('/', homePages(options));
  app.route('/', divisionPages(options));
  app.route('/', planPages(options));
  app.route('/', electionPages(options));
  app.route('/', trainingPages(options));
  app.route('/', communityPages(options));
  app.route('/', conferencePages(options));
  app.route('/', inboxPages(options));
  app.route('/', reportPages(options));
  return app;
}
