import { assemblyEntries } from './assemblies.js';
import { channelEntries } from './channels.js';
import { committeeEntries } from './committees.js';
import { communityEntries } from './communities.js';
import { consultationEntries } from './consultations.js';
import { conferenceEntries } from './conferences.js';
import { dutyEntries } from './duties.js';
import { foundationEntries } from './foundation.js';
import { notificationEntries } from './notifications.js';
import { publicPageEntries } from './public-pages.js';
import { reformEntries } from './reform.js';
import { reportingEntries } from './reporting.js';
import { tenantExportEntries } from './tenant-export.js';
import { todoEntries } from './todo.js';
import { trainingEntries } from './training.js';
import type { MatrixEntry } from './types.js';

/** Every route of the app must appear here; each module adds its own file. */
export const matrixEntries: MatrixEntry[] = [...foundationEntries, ...communityEntries, ...committeeEntries, ...assemblyEntries, ...notificationEntries, ...conferenceEntries, ...reformEntries, ...trainingEntries, ...reportingEntries, ...tenantExportEntries, ...todoEntries, ...consultationEntries, ...dutyEntries, ...publicPageEntries, ...channelEntries];
export type { MatrixEntry, MatrixFixture } from './types.js';
