import { Hono } from 'hono';
import { hasRole } from '../../../shared/auth/principal.js';
import { divisionImporters, levelLabels, type DivisionLevel } from '../../../shared/hierarchy/rules.js';
import type { DivisionSummary } from '../../../shared/hierarchy/schemas.js';
import { exportKeyManagers } from '../../../shared/tenant-export/roles.js';
import { page } from '../context.js';
import { num } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';


export function homePages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  app.get('/home', async (c) => {
    const { principal, api, render } = page(c, options);
    if (principal.kind === 'province') return c.redirect('/console/province', 303);
    const summary = await api.get<DivisionSummary>(`/v1/divisions/${principal.unit}/summary`);
    return render(
      '首页',
      <>
        {summary.ok && summary.data.total > 0 ? (
          <section aria-labelledby="h-summary">
            <h2 id="h-summary">
              {summary.data.name}（{summary.data.code}）辖区概况
            </h2>
            <div class="grid">
              {Object.entries(summary.data.byLevel).map(([level, count]) => (
                <div class="stat">
                  <span class="muted">{levelLabels[level as DivisionLevel] ?? level}</span>
                  <b>{num(count)}</b>
                </div>
              ))}
            </div>
          </section>
        ) : (
          <div class="card">
            <p>尚未导入本市行政区划代码。</p>
            {hasRole(principal, divisionImporters) ? (
              <a class="button" href="/console/divisions/import">
                导入区划代码
              </a>
            ) : null}
          </div>
        )}
        <h2>常用工作</h2>
        <ul>
          <li><a href="/console/divisions">查看行政区划与社区</a></li>
          {hasRole(principal, divisionImporters) ? <li><a href="/console/divisions/import">导入统计用区划代码</a></li> : null}
          <li><a href="/console/plans">社区设置调整方案</a></li>
          <li><a href="/console/elections">居委会选举</a></li>
          <li><a href="/console/training">成员培训达标情况</a></li>
          <li><a href="/console/conferences">联席会议日历</a></li>
          <li><a href="/console/services">社区服务设施与志愿者</a></li>
          <li><a href="/console/reform">改革试点、示范与自查</a></li>
          <li><a href="/console/reports">向省报送工作报告</a></li>
          {hasRole(principal, exportKeyManagers) ? <li><a href="/console/export-key">数据导出公钥</a></li> : null}
        </ul>
      </>,
    );
  });
  return app;
}
