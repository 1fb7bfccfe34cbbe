import { Hono } from 'hono';
import { facilityKindLabels, registrationAuthorityLabels, serviceTargetLabels } from '../../../shared/services/rules.js';
import type { ServiceFiguresView } from '../../../shared/services/schemas.js';
import { ConsolePageError, query } from '../api.js';
import { page } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { Alert, num } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import { loadUnits, unitName } from '../picker.js';
import type { ConsoleEnv } from '../session.js';
import { facilityPages } from './services/facilities.js';
import { ScopeFilter, ServicesNav } from './services/shared.js';
import { serviceUnitPages } from './services/units.js';
import { volunteerPages } from './services/volunteers.js';

/**
 * 服务与志愿: community service facilities, service units (with the registration authority the API computes),
 * volunteer organisations, volunteers and their labour-savings ledger (劳动储蓄), and the figures for reports.
 */
export function servicePages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  app.get('/services', async (c) => {
    const { principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const unit = c.req.query('unit') || principal.unit;
    const [result, pick] = await Promise.all([api.get<ServiceFiguresView>(`/v1/services/figures${query({ unit })}`), loadUnits(api, principal, ['township', 'village'])]);
    if (!result.ok && result.status !== 400) throw new ConsolePageError(result.problem);
    const f = result.ok ? result.data : undefined;
    const kinds = Object.entries(facilityKindLabels) as [string, string][];
    return render(
      '社区服务与志愿者',
      <>
        <ServicesNav current="/console/services" />
        <ScopeFilter action="/console/services" unit={unit === principal.unit ? undefined : unit} picker={pick} error={result.ok ? undefined : (fieldErrors(result.problem)['unit'] ?? problemText(result.problem))} />
        {f ? (
          <>
            <p class="muted">
              统计范围：{f.scope === principal.tenant ? '全市' : unitName(pick, f.scope)} 及其下级单位。
            </p>
            <h2>志愿者与劳动储蓄</h2>
            <div class="grid">
              <div class="stat">
                志愿者组织<b>{num(f.volunteers.organisations)} 个</b>
                <a href={`/console/services/organisations${query({ unit: f.scope })}`}>查看组织</a>
              </div>
              <div class="stat">
                登记志愿者<b>{num(f.volunteers.volunteers)} 人</b>
                <a href={`/console/services/volunteers${query({ unit: f.scope })}`}>查看名册</a>
              </div>
              <div class="stat">
                已存入时数<b>{num(f.timeBank.depositedHours, 2)} 小时</b>
              </div>
              <div class="stat">
                已支取时数<b>{num(f.timeBank.drawnHours, 2)} 小时</b>
              </div>
              <div class="stat">
                储蓄余额<b>{num(f.timeBank.balanceHours, 2)} 小时</b>
              </div>
            </div>
            <h2>社区服务设施</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">设施类别</th>
                    <th scope="col" class="num">数量</th>
                    <th scope="col" class="num">面积（㎡）</th>
                    <th scope="col" class="num">成员单位开放</th>
                  </tr>
                </thead>
                <tbody>
                  {kinds.map(([kind, label]) => {
                    const row = f.facilities[kind];
                    return (
                      <tr>
                        <th scope="row">
                          <a href={`/console/services/facilities${query({ unit: f.scope, kind })}`}>{label}</a>
                        </th>
                        <td class="num">{num(row?.count ?? 0)}</td>
                        <td class="num">{kind === 'hotline' || kind === 'online_platform' ? '—' : num(row?.areaM2 ?? 0, 2)}</td>
                        <td class="num">{num(row?.openedByMemberUnits ?? 0)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <h2>社区服务单位（{num(f.serviceUnits.total)} 个）</h2>
            <div class="grid" style="align-items:start">
              <div class="table-wrap">
                <table>
                  <caption>按登记管理机关</caption>
                  <thead>
                    <tr>
                      <th scope="col">登记管理</th>
                      <th scope="col" class="num">单位数</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(registrationAuthorityLabels).map(([key, label]) => (
                      <tr>
                        <th scope="row">{label}</th>
                        <td class="num">{num(f.serviceUnits.byAuthority[key] ?? 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div class="table-wrap">
                <table>
                  <caption>按服务对象（一个单位可服务多类对象）</caption>
                  <thead>
                    <tr>
                      <th scope="col">服务对象</th>
                      <th scope="col" class="num">单位数</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(serviceTargetLabels).map(([key, label]) => (
                      <tr>
                        <th scope="row">{label}</th>
                        <td class="num">{num(f.serviceUnits.byTarget[key] ?? 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
            <p>
              <a href={`/console/services/units${query({ unit: f.scope })}`}>查看服务单位名录</a>
            </p>
          </>
        ) : result.ok ? null : (
          <Alert kind="error">{problemText(result.problem)}</Alert>
        )}
      </>,
    );
  });

  app.route('/', facilityPages(options));
  app.route('/', serviceUnitPages(options));
  app.route('/', volunteerPages(options));
  return app;
}
