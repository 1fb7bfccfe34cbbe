import type { Db } from '../db/client.js';
import type { Principal } from './auth/principal.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

export interface ServiceContext {
  principal: Principal;
  db: Db;
  clock: Clock;
  logger: Logger;
  requestId: string;
  config: { provinceCode: string; provinceName: string };
}

export interface Call<I> {
  ctx: ServiceContext;
  input: I;
}
