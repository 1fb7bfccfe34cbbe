import { loadEnv } from '../../shared/env.js';
import { startLocalStack } from './stack.js';

const env = loadEnv();
const stack = await startLocalStack(env);
stack.logger.info('shequ local stack is up', {
  api: stack.url,
  openapi: `${stack.url}/openapi.json`,
  docs: `${stack.url}/docs`,
  jwks: `${stack.url}/.well-known/jwks.json`,
  database: stack.database.driver === 'pglite' ? `PGlite in ${env.DATA_DIR}/pglite` : stack.database.driver,
  province: `${env.PROVINCE_CODE} ${env.PROVINCE_NAME}`,
  token: 'npm run token -- --province --role province_admin',
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    stack.logger.info('stopping', { signal });
    void stack.close().then(() => process.exit(0));
  });
}
