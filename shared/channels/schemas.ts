import { z } from '@hono/zod-openapi';
import { msg } from './messages.js';
import { deliveryChannels, noticeKinds } from './rules.js';

const channelList = z.array(z.enum(deliveryChannels)).max(2).openapi({ example: ['wecom', 'sms'] });

export const channelPlanSchema = z
  .object(Object.fromEntries(noticeKinds.map((k) => [k, channelList.optional()])) as Record<(typeof noticeKinds)[number], z.ZodOptional<typeof channelList>>)
  .strict()
  .openapi('ChannelPlan', { description: 'per notice kind, the channels beside the inbox: `wecom` (粤政易/企业微信应用消息), `sms`; absent kind → inbox only' });

const configured = z.object({ configured: z.boolean(), configuredAt: z.string().nullable().openapi({ format: 'date-time' }) });

export const channelSettingsView = z
  .object({
    city: z.string().openapi({ example: '4401' }),
    plan: channelPlanSchema,
    quietHours: z.boolean().openapi({ description: 'no SMS 22:00–08:00 Asia/Shanghai; deferred to 08:05' }),
    wecom: configured.openapi({ description: 'whether credentials were written (they are never read back)' }),
    sms: configured,
  })
  .openapi('ChannelSettings');
export type ChannelSettingsView = z.infer<typeof channelSettingsView>;

export const channelSettingsBody = z.object({ plan: channelPlanSchema.optional(), quietHours: z.boolean().optional() }).strict().openapi('ChannelSettingsPatch');

export const wecomCredentialsBody = z
  .object({
    corpId: z.string().trim().min(1).max(64).openapi({ example: 'ww0123456789abcdef' }),
    agentId: z.number().int().min(1).max(2_147_483_647).openapi({ example: 1000002 }),
    secret: z.string().min(1).max(200).openapi({ description: 'the application’s Secret; stored in the secret store, never shown again' }),
    apiBase: z.url().startsWith('https://').optional().openapi({ description: 'a WeCom-compatible host other than qyapi.weixin.qq.com (粤政易)' }),
  })
  .strict()
  .openapi('WecomCredentials');

export const smsCredentialsBody = z
  .object({
    accessKeyId: z.string().trim().min(1).max(128),
    accessKeySecret: z.string().min(1).max(200).openapi({ description: 'stored in the secret store, never shown again' }),
    signName: z.string().trim().min(2).max(12).openapi({ example: '广州市民政局' }),
    templateCode: z.string().trim().regex(/^SMS_\d{3,20}$/, msg.template_code_format().code).openapi({ example: 'SMS_480125001', description: 'template with ${kind}, ${title} and ${link}' }),
  })
  .strict()
  .openapi('SmsCredentials');

export const myContactBody = z
  .object({
    wecomUserId: z.string().trim().regex(/^[\w.@-]{1,64}$/, msg.wecom_user_invalid().code).nullable().optional().openapi({ description: 'my WeCom (粤政易) user id; sealed at rest; null removes it' }),
    mobile: z.string().trim().max(20).nullable().optional().openapi({ example: '13800138000', description: 'my mobile for SMS; sealed at rest; null removes it' }),
  })
  .strict()
  .openapi('MyChannelContactPatch');

export const myContactView = z
  .object({
    wecom: z.boolean().openapi({ description: 'whether a WeCom user id is set (it is not shown)' }),
    mobile: z.string().nullable().openapi({ example: '138****8000', description: 'masked' }),
  })
  .openapi('MyChannelContact');
export type MyContactView = z.infer<typeof myContactView>;

export const channelFiguresView = z
  .object({
    city: z.string(),
    since: z.string().openapi({ format: 'date-time' }),
    channels: z.array(
      z.object({
        channel: z.enum(deliveryChannels),
        label: z.string().openapi({ example: '短信' }),
        sent: z.number().int(),
        failed: z.number().int(),
        deferred: z.number().int().openapi({ description: 'deferred by quiet hours (including those sent since)' }),
        pending: z.number().int(),
        unaddressed: z.number().int(),
      }),
    ),
  })
  .openapi('ChannelFigures');
export type ChannelFiguresView = z.infer<typeof channelFiguresView>;

export const testMessageView = z
  .object({ notificationId: z.uuid(), channels: z.array(z.enum(deliveryChannels)) })
  .openapi('ChannelTestMessage');
