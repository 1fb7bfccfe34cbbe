import { Hono } from 'hono';
import { deliveryChannelLabels, deliveryChannels, noticeKindLabels, noticeKinds } from '../../../shared/channels/rules.js';
import type { ChannelFiguresView, ChannelSettingsView, MyContactView } from '../../../shared/channels/schemas.js';
import { hasRole } from '../../../shared/auth/principal.js';
import { ConsolePageError, type Problem } from '../api.js';
import { type ConsoleContext, FlashMessages, formOf, page, pageStatus, ProblemAlert, withFlash } from '../context.js';
import { fieldErrors } from '../i18n.js';
import { ActionButton, Csrf, Field } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';

type Form = Record<string, string>;
type Which = 'plan' | 'wecom' | 'sms' | 'me';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');

/** 通知渠道: the city admin's channels per notice kind, credentials (written, never shown), a test to themself, 30-day figures; everyone's own addresses. */
export function channelPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  const channelsPage = async (c: ConsoleContext, state: { which?: Which; form?: Form; problem?: Problem } = {}) => {
    const { session, principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const admin = hasRole(principal, ['city_admin']);
    const me = await api.must<MyContactView>(`/v1/channels/${principal.tenant ?? principal.unit}/me`);
    const settings = admin ? await api.must<ChannelSettingsView>(`/v1/channels/${principal.tenant ?? principal.unit}/settings`) : undefined;
    const figures = admin ? await api.must<ChannelFiguresView>(`/v1/channels/${principal.tenant ?? principal.unit}/figures`) : undefined;
    const errors = fieldErrors(state.problem);
    const f = state.form ?? {};
    const alert = (which: Which) => (state.which === which ? <ProblemAlert problem={state.problem} errors={errors} /> : null);
    return render(
      '通知渠道',
      <>
        <FlashMessages c={c} />
        <p class="muted">通知总会进入工作台收件箱；市级管理员可按通知类别另行通过粤政易（企业微信）应用消息和短信发送。晚 22 时至早 8 时不发短信，顺延至早 8 时后发送。</p>
        {figures ? (
          <div class="table-wrap">
            <table>
              <caption>近 30 天发送情况</caption>
              <thead>
                <tr>
                  <th scope="col">渠道</th>
                  <th scope="col">已发送</th>
                  <th scope="col">发送失败</th>
                  <th scope="col">免打扰顺延</th>
                  <th scope="col">待发送</th>
                  <th scope="col">无接收地址</th>
                </tr>
              </thead>
              <tbody>
                {figures.channels.map((r) => (
                  <tr>
                    <th scope="row">{r.label}</th>
                    <td>{r.sent}</td>
                    <td>{r.failed}</td>
                    <td>{r.deferred}</td>
                    <td>{r.pending}</td>
                    <td>{r.unaddressed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {settings ? (
          <>
            <section aria-labelledby="h-plan">
              <h2 id="h-plan">按通知类别选择渠道</h2>
              {alert('plan')}
              <form class="stack card" method="post" novalidate action="/console/channels/plan">
                <Csrf session={session} />
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">通知类别</th>
                        {deliveryChannels.map((ch) => (
                          <th scope="col">{deliveryChannelLabels[ch]}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {noticeKinds.filter((k) => k !== 'test').map((kind) => (
                        <tr>
                          <th scope="row">{noticeKindLabels[kind]}</th>
                          {deliveryChannels.map((ch) => (
                            <td>
                              <input type="checkbox" name={`plan.${kind}.${ch}`} value="on" checked={(settings.plan[kind] ?? []).includes(ch)} aria-label={`${noticeKindLabels[kind]}：${deliveryChannelLabels[ch]}`} />
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <label style="font-weight:normal">
                  <input type="checkbox" name="quietHours" value="on" checked={settings.quietHours} /> 免打扰：22:00 至次日 8:00 不发短信，顺延至早上发送
                </label>
                <div class="actions">
                  <button type="submit">保存渠道设置</button>
                </div>
              </form>
            </section>
            <section aria-labelledby="h-wecom">
              <h2 id="h-wecom">粤政易（企业微信）应用凭据</h2>
              <p class="muted">{settings.wecom.configured ? `已配置（${when(settings.wecom.configuredAt)}）。凭据保存在密钥库中，不再显示；重新填写即替换。` : '尚未配置。'}</p>
              {alert('wecom')}
              <form class="stack card" method="post" novalidate action="/console/channels/wecom" autocomplete="off">
                <Csrf session={session} />
                <Field name="corpId" label="企业 ID（corpid）" value={f['corpId']} required error={state.which === 'wecom' ? errors['corpId'] : undefined} />
                <Field name="agentId" label="应用 AgentId" type="number" value={f['agentId']} required error={state.which === 'wecom' ? errors['agentId'] : undefined} />
                <Field name="secret" label="应用 Secret" type="password" value="" required error={state.which === 'wecom' ? errors['secret'] : undefined} />
                <Field name="apiBase" label="接口地址（粤政易等私有部署时填写）" type="url" value={f['apiBase']} error={state.which === 'wecom' ? errors['apiBase'] : undefined} hint="留空则为 https://qyapi.weixin.qq.com" />
                <div class="actions">
                  <button type="submit">保存企业微信凭据</button>
                </div>
              </form>
            </section>
            <section aria-labelledby="h-sms">
              <h2 id="h-sms">短信（阿里云短信服务）凭据</h2>
              <p class="muted">{settings.sms.configured ? `已配置（${when(settings.sms.configuredAt)}）。凭据保存在密钥库中，不再显示；重新填写即替换。` : '尚未配置。'}</p>
              {alert('sms')}
              <form class="stack card" method="post" novalidate action="/console/channels/sms" autocomplete="off">
                <Csrf session={session} />
                <Field name="accessKeyId" label="AccessKey ID" value={f['accessKeyId']} required error={state.which === 'sms' ? errors['accessKeyId'] : undefined} />
                <Field name="accessKeySecret" label="AccessKey Secret" type="password" value="" required error={state.which === 'sms' ? errors['accessKeySecret'] : undefined} />
                <Field name="signName" label="短信签名" value={f['signName']} required error={state.which === 'sms' ? errors['signName'] : undefined} hint="已审核通过的签名，如：广州市民政局" />
                <Field name="templateCode" label="模板 CODE" value={f['templateCode']} required error={state.which === 'sms' ? errors['templateCode'] : undefined} hint="含变量 ${kind}、${title}、${link} 的通知模板，如 SMS_480125001" />
                <div class="actions">
                  <button type="submit">保存短信凭据</button>
                </div>
              </form>
            </section>
          </>
        ) : null}
        <section aria-labelledby="h-me">
          <h2 id="h-me">本人接收地址</h2>
          <p class="muted">
            企业微信账号：{me.wecom ? '已填写' : '未填写'}；手机号码：{me.mobile ?? '未填写'}。两者均加密保存，仅在发送时使用。
          </p>
          {alert('me')}
          <form class="stack card" method="post" novalidate action="/console/channels/me" autocomplete="off">
            <Csrf session={session} />
            <Field name="wecomUserId" label="企业微信（粤政易）账号" value={f['wecomUserId']} error={state.which === 'me' ? errors['wecomUserId'] : undefined} hint="留空则不变" />
            <Field name="mobile" label="手机号码" type="tel" value={f['mobile']} error={state.which === 'me' ? errors['mobile'] : undefined} hint="留空则不变" />
            <div class="actions">
              <button type="submit">保存接收地址</button>
            </div>
          </form>
          {admin ? <ActionButton session={session} action="/console/channels/test" label="给本人发送测试消息" kind="secondary" fields={{}} /> : null}
        </section>
      </>,
      state.problem ? pageStatus(state.problem) : 200,
    );
  };

  const submit = (which: Which, path: (city: string) => string, method: 'patch' | 'put', bodyOf: (form: Form) => unknown, ok: string) =>
    app.post(`/channels/${which}`, async (c) => {
      const { principal, api } = page(c, options);
      if (principal.kind === 'province') return c.redirect('/console/province', 303);
      const form = await formOf(c);
      const result = await api[method](path(principal.tenant ?? principal.unit), bodyOf(form));
      if (!result.ok) {
        if (result.status === 403 || result.status === 404) throw new ConsolePageError(result.problem);
        return channelsPage(c, { which, form: { ...form, secret: '', accessKeySecret: '' }, problem: result.problem });
      }
      return c.redirect(withFlash('/console/channels', { ok }), 303);
    });

  app.get('/channels', (c) => channelsPage(c));
  submit('plan', (city) => `/v1/channels/${city}/settings`, 'patch', (form) => ({
    plan: Object.fromEntries(noticeKinds.map((k) => [k, deliveryChannels.filter((ch) => form[`plan.${k}.${ch}`] === 'on')])),
    quietHours: form['quietHours'] === 'on',
  }), '已保存渠道设置');
  submit('wecom', (city) => `/v1/channels/${city}/credentials/wecom`, 'put', (form) => ({
    corpId: form['corpId'] ?? '', agentId: /^\d+$/.test(form['agentId'] ?? '') ? Number(form['agentId']) : form['agentId'], secret: form['secret'] ?? '', ...(form['apiBase'] ? { apiBase: form['apiBase'] } : {}),
  }), '已保存企业微信凭据');
  submit('sms', (city) => `/v1/channels/${city}/credentials/sms`, 'put', (form) => ({
    accessKeyId: form['accessKeyId'] ?? '', accessKeySecret: form['accessKeySecret'] ?? '', signName: form['signName'] ?? '', templateCode: form['templateCode'] ?? '',
  }), '已保存短信凭据');
  submit('me', (city) => `/v1/channels/${city}/me`, 'patch', (form) => ({
    ...(form['wecomUserId'] ? { wecomUserId: form['wecomUserId'] } : {}), ...(form['mobile'] ? { mobile: form['mobile'] } : {}),
  }), '已保存本人接收地址');

  app.post('/channels/test', async (c) => {
    const { principal, api } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const result = await api.post<{ channels: string[] }>(`/v1/channels/${principal.tenant ?? principal.unit}/test`);
    if (!result.ok) {
      if (result.status === 403 || result.status === 404) throw new ConsolePageError(result.problem);
      return c.redirect(withFlash('/console/channels', { error: result.problem.detail ?? result.problem.title ?? '测试消息未能发送' }), 303);
    }
    return c.redirect(withFlash('/console/channels', { ok: `测试消息已进入收件箱，并排队经${result.data.channels.map((ch) => deliveryChannelLabels[ch as 'wecom' | 'sms']).join('、')}发送` }), 303);
  });

  return app;
}
