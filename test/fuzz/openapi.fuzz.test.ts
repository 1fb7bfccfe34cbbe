import { fuzzOpenApi } from './suite.js';

await fuzzOpenApi(0, 2);
