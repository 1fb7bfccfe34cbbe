import type { MatrixEntry } from './types.js';

const wecom = { corpId: 'wwmatrix', agentId: 1000002, secret: 'matrix-secret' };
const sms = { accessKeyId: 'LTAImatrix', accessKeySecret: 'matrix-secret', signName: '广州市民政局', templateCode: 'SMS_480125001' };

export const channelEntries: MatrixEntry[] = [
  { method: 'GET', route: '/v1/channels/:city/settings', owner: 'city', request: () => ({ path: '/v1/channels/4401/settings' }) },
  { method: 'PATCH', route: '/v1/channels/:city/settings', owner: 'city', request: () => ({ path: '/v1/channels/4401/settings', json: { quietHours: true } }) },
  { method: 'PUT', route: '/v1/channels/:city/credentials/wecom', owner: 'city', request: () => ({ path: '/v1/channels/4401/credentials/wecom', json: wecom }) },
  { method: 'PUT', route: '/v1/channels/:city/credentials/sms', owner: 'city', request: () => ({ path: '/v1/channels/4401/credentials/sms', json: sms }) },
  { method: 'GET', route: '/v1/channels/:city/me', owner: 'city', request: () => ({ path: '/v1/channels/4401/me' }) },
  { method: 'PATCH', route: '/v1/channels/:city/me', owner: 'city', request: () => ({ path: '/v1/channels/4401/me', json: { wecomUserId: 'matrix.user' } }) },
  { method: 'POST', route: '/v1/channels/:city/test', owner: 'city', request: () => ({ path: '/v1/channels/4401/test' }) },
  { method: 'GET', route: '/v1/channels/:city/figures', owner: 'city', request: () => ({ path: '/v1/channels/4401/figures' }) },
];
