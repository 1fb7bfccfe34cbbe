import { handle } from 'hono/aws-lambda';
import { createLazyApp } from './lazy.js';
import { productionDeps } from './production.js';

export const handler = handle(createLazyApp(await productionDeps()));
