import { getProvinceSettings, provinceSettingsPatch, provinceSettingsView, updateProvinceSettings } from '../../../shared/settings/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('provinceSettings');

export const settingsRoutes = newRouter()
  .openapi(
    operation({ getProvinceSettings }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '省级设置 Settings every city works to',
      responses: { 200: { description: 'the settings', content: { 'application/json': { schema: provinceSettingsView } } }, ...problemResponses(401, 403) },
    }),
    async (c) => c.json(await getProvinceSettings({ ctx: c.var.ctx, input: {} }), 200),
  )
  .openapi(
    operation({ updateProvinceSettings }, {
      method: 'patch', path: '/', tags, security: bearer,
      summary: '修改省级设置 Change settings (province admin)',
      request: { body: { required: true, content: { 'application/json': { schema: provinceSettingsPatch } } } },
      responses: { 200: { description: 'the settings', content: { 'application/json': { schema: provinceSettingsView } } }, ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await updateProvinceSettings({ ctx: c.var.ctx, input: c.req.valid('json') }), 200),
  );
