import { defineMessages } from '../i18n.js';

/** What the channels module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  channels_city_admin_only: { zh: '仅市级管理员可以配置通知渠道', en: 'only a city administrator configures notification channels' },
  channels_city_only: { zh: '通知渠道属于某个城市，仅限地级市用户', en: 'notification channels belong to a city' },
  channel_not_configured: { zh: '本市尚未配置{channel}的凭据', en: 'the city has not configured {channel}' },
  channels_not_enabled: { zh: '本系统部署尚未开通粤政易和短信渠道（未配置凭据存储），请联系运维人员开通', en: 'this deployment has no channel secret store; ask the operators to enable WeCom and SMS' },
  channel_secrets_unavailable: { zh: '凭据存储暂不可用，请稍后再试', en: 'the secret store is unavailable; try again later' },
  wecom_user_invalid: { zh: '企业微信账号为1至64位字母、数字或 _ - . @', en: 'a WeCom user id is 1 to 64 letters, digits or _ - . @' },
  mobile_invalid: { zh: '手机号码应为11位中国大陆手机号', en: 'a mobile number is 11 digits of a mainland mobile' },
  template_code_format: { zh: '短信模板 CODE 形如 SMS_480125001', en: 'an SMS template code looks like SMS_480125001' },
  contact_invalid: { zh: '接收地址有误', en: 'the channel addresses are not valid' },
  no_address_for_test: { zh: '请先填写本人的企业微信账号或手机号码', en: 'set your own WeCom user id or mobile number first' },
  test_title: { zh: '通知渠道测试', en: 'Notification channel test' },
  test_body: { zh: '这是一条测试消息：本市的通知渠道已接通。', en: 'This is a test message: the city’s notification channels work.' },
  test_reason: { zh: '市级管理员发送的测试消息', en: 'a test message sent by the city administrator' },
});

/** What a provider answered, as the delivery records it (a code, never an address). */
export const providerMsg = defineMessages({
  provider_refused: { zh: '{channel}拒绝了请求：{code}', en: '{channel} refused the request: {code}' },
  provider_unreachable: { zh: '{channel}无法连接：{code}', en: '{channel} is unreachable: {code}' },
  rate_limited: { zh: '{channel}发送频率已达上限，稍后重试', en: '{channel} is at its rate limit; retried later' },
});
