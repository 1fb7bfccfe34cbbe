import { handle } from 'hono/aws-lambda';
import { productionDeps } from '../api/production.js';
import { createConsoleApp } from './app.js';

export const handler = handle(createConsoleApp(await productionDeps()));
