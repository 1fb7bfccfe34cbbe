import { fuzzOpenApi } from './suite.js';

await fuzzOpenApi(1, 2);
