import { z } from '@hono/zod-openapi';
import { channelFiguresView, channelSettingsBody, channelSettingsView, myContactBody, myContactView, smsCredentialsBody, testMessageView, wecomCredentialsBody } from '../../../shared/channels/schemas.js';
import { getChannelFigures, getChannelSettings, getMyChannelContact, sendChannelTest, setMyChannelContact, updateChannelSettings, writeSmsCredentials, writeWecomCredentials } from '../../../shared/channels/service.js';
import { cityParam } from '../../../shared/training/schemas.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('channels');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

export const channelRoutes = newRouter()
  .openapi(
    operation({ getChannelSettings }, {
      method: 'get', path: '/{city}/settings', tags, security: bearer,
      summary: '通知渠道设置 The city’s channels per notice kind, quiet hours, and which credentials are set (city admin)',
      request: { params: cityParam },
      responses: { 200: json(channelSettingsView, 'the settings'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getChannelSettings({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ updateChannelSettings }, {
      method: 'patch', path: '/{city}/settings', tags, security: bearer,
      summary: '修改通知渠道设置 Choose channels per notice kind and quiet hours (city admin)',
      request: { params: cityParam, ...body(channelSettingsBody) },
      responses: { 200: json(channelSettingsView, 'the settings'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await updateChannelSettings({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ writeWecomCredentials }, {
      method: 'put', path: '/{city}/credentials/wecom', tags, security: bearer,
      summary: '写入粤政易（企业微信）凭据 Write the WeCom application’s corp id, agent id and secret to the secret store; never read back (city admin)',
      request: { params: cityParam, ...body(wecomCredentialsBody) },
      responses: { 200: json(channelSettingsView, 'the settings, showing the credentials as set'), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => c.json(await writeWecomCredentials({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ writeSmsCredentials }, {
      method: 'put', path: '/{city}/credentials/sms', tags, security: bearer,
      summary: '写入短信凭据 Write the Alibaba Cloud SMS AccessKey, signature and template to the secret store; never read back (city admin)',
      request: { params: cityParam, ...body(smsCredentialsBody) },
      responses: { 200: json(channelSettingsView, 'the settings, showing the credentials as set'), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => c.json(await writeSmsCredentials({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ getMyChannelContact }, {
      method: 'get', path: '/{city}/me', tags, security: bearer,
      summary: '本人接收地址 Whether my WeCom user id is set, and my mobile masked',
      request: { params: cityParam },
      responses: { 200: json(myContactView, 'my addresses'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getMyChannelContact({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ setMyChannelContact }, {
      method: 'patch', path: '/{city}/me', tags, security: bearer,
      summary: '修改本人接收地址 Set my WeCom user id and mobile (sealed at rest)',
      request: { params: cityParam, ...body(myContactBody) },
      responses: { 200: json(myContactView, 'my addresses'), ...problemResponses(400, 401, 403, 404, 503) },
    }),
    async (c) => c.json(await setMyChannelContact({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ sendChannelTest }, {
      method: 'post', path: '/{city}/test', tags, security: bearer,
      summary: '发送测试消息 Send myself a test notice through every configured channel I have an address on (city admin)',
      request: { params: cityParam },
      responses: { 201: json(testMessageView, 'queued: the inbox has it now, the channels shortly'), ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => c.json(await sendChannelTest({ ctx: c.var.ctx, input: c.req.valid('param') }), 201),
  )
  .openapi(
    operation({ getChannelFigures }, {
      method: 'get', path: '/{city}/figures', tags, security: bearer,
      summary: '渠道发送统计 Per channel: sent, failed, deferred in the last 30 days (city admin)',
      request: { params: cityParam },
      responses: { 200: json(channelFiguresView, 'the figures'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getChannelFigures({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  );
