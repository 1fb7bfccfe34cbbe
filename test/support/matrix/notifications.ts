import { withTenant } from '../../../db/tenant.js';
import { notify } from '../../../shared/notifications/service.js';
import { workerPrincipal } from '../../../shared/workers/process.js';
import type { MatrixEntry } from './types.js';

export const notificationEntries: MatrixEntry[] = [
  {
    method: 'GET', route: '/v1/notifications', owner: 'city',
    request: () => ({ path: '/v1/notifications?unit=440103001' }),
    setup: async ({ h }) => {
      const principal = workerPrincipal('training-reminders', '4401');
      const ctx = { principal, db: h.database.db, clock: h.clock, logger: h.logger, requestId: 'matrix-setup', config: { provinceCode: '44', provinceName: '广东省' } };
      const cityInbox = await withTenant(h.database.db, principal, (tx) =>
        notify({ ctx, tx, input: { recipient: { kind: 'unit', id: '4401' }, reasonCode: 'training.due_30d', reason: '培训将于30天后到期', title: '培训提醒：沙面社区居委会', body: '沙面街道有委员待培训', dedupKey: 'matrix:city' } }),
      );
      await withTenant(h.database.db, principal, (tx) =>
        notify({ ctx, tx, input: { recipient: { kind: 'unit', id: '440103001' }, reasonCode: 'training.due_30d', reason: '培训将于30天后到期', title: '培训提醒：沙面街道', body: '沙面社区居委会委员待培训', dedupKey: 'matrix:street' } }),
      );
      return { notification: cityInbox.id };
    },
  },
  { method: 'POST', route: '/v1/notifications/:id/read', owner: 'city', request: (fx) => ({ path: `/v1/notifications/${fx.cityA.ids.notification}/read` }) },
];
