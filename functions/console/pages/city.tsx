import { Hono } from 'hono';
import { channelPages } from './channels.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';
import { assemblyPages } from './assemblies.js';
import { committeePages } from './committees.js';
import { communityPages } from './communities.js';
import { conferencePages } from './conferences.js';
import { divisionPages } from './divisions.js';
import { dutyPages } from './duties.js';
import { electionPages } from './elections.js';
import { exportKeyPages } from './export-key.js';
import { homePages } from './home.js';
import { inboxPages } from './inbox.js';
import { planPages } from './plans.js';
import { reformPages } from './reform.js';
import { reportPages } from './reports.js';
import { consultationPages } from './consultations.js';
import { servicePages } from './services.js';
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
  app.route('/', committeePages(options));
  app.route('/', assemblyPages(options));
  app.route('/', conferencePages(options));
  app.route('/', inboxPages(options));
  app.route('/', servicePages(options));
  app.route('/', consultationPages(options));
  app.route('/', reformPages(options));
  app.route('/', dutyPages(options));
  app.route('/', reportPages(options));
  app.route('/', exportKeyPages(options));
  app.route('/', channelPages(options));
  return app;
}
