import { handle } from 'hono/aws-lambda';
import { productionDeps } from './production.js';
import { createApp } from './app.js';

export const handler = handle(createApp(await productionDeps()));
