import { Hono } from 'hono';
import { consoleLinkFor } from '../../../shared/notifications/links.js';
import type { NotificationView } from '../../../shared/notifications/schemas.js';
import { ConsolePageError, query } from '../api.js';
import { flashOf, page, withFlash } from '../context.js';
import { fieldErrors, problemText } from '../i18n.js';
import { ActionButton, Alert, Field, shanghai, Tag } from '../layout.js';
import type { ConsoleOptions } from '../options.js';
import type { ConsoleEnv } from '../session.js';

export function inboxPages(options: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();

  app.get('/inbox', async (c) => {
    const { session, principal, api, render } = page(c, options);
    const atProvince = principal.kind === 'province';
    const unread = c.req.query('unread') === 'true';
    const cursor = c.req.query('cursor');
    const unit = (c.req.query('unit') ?? '').trim() || undefined;
    const filters = { unread: unread ? 'true' : undefined, unit };
    const result = await api.get<{ items: NotificationView[]; unread: number; nextCursor: string | null }>(`/v1/notifications${query({ ...filters, cursor, limit: 50 })}`);
    if (!result.ok && !unit) throw new ConsolePageError(result.problem);
    const unitError = result.ok ? undefined : result.problem.status === 404 ? '该单位不在您的管辖范围内' : (fieldErrors(result.problem)['unit'] ?? problemText(result.problem));
    const inbox = result.ok ? result.data : { items: [], unread: 0, nextCursor: null };
    const flash = flashOf(c);
    const back = `/console/inbox${query({ ...filters, cursor })}`;
    return render(
      `收件箱（${inbox.unread} 条未读）`,
      <>
        {flash.ok ? <Alert kind="ok">{flash.ok}</Alert> : null}
        {flash.error ? <Alert kind="error">{flash.error}</Alert> : null}
        <form method="get" action="/console/inbox" class="card actions" style="align-items:flex-end">
          <div class="field">
            <label for="unread">显示</label>
            <select id="unread" name="unread">
              <option value="" selected={!unread}>
                全部通知
              </option>
              <option value="true" selected={unread}>
                仅未读
              </option>
            </select>
          </div>
          {atProvince ? null : (
            <div style="flex:1;min-width:200px">
              <Field name="unit" label="收件单位代码" hint="不填：发给本人和本单位的通知；可查看下级单位，如社区代码" value={unit} error={unitError} attrs={{ inputmode: 'numeric' }} />
            </div>
          )}
          <button type="submit">筛选</button>
        </form>
        {inbox.items.length ? (
          <ul style="list-style:none;padding:0;margin:0">
            {inbox.items.map((n) => {
              const link = consoleLinkFor(n.link);
              return (
                <li class="card" style={n.read ? '' : 'border-left:4px solid var(--brand)'}>
                  <h2 style="margin:0 0 4px;font-size:16px">
                    {n.read ? null : (
                      <>
                        <Tag kind="bad">未读</Tag>{' '}
                      </>
                    )}
                    {n.title}
                  </h2>
                  <p class="muted" style="margin:0 0 6px">
                    {shanghai(n.createdAt)} · {n.reason}
                    {n.recipientKind === 'province' ? ' · 发给省民政厅' : n.recipientKind === 'unit' ? ` · 发给单位 ${n.recipient}` : ' · 发给本人'}
                  </p>
                  <p style="white-space:pre-wrap;margin:0 0 8px">{n.body}</p>
                  <div class="actions">
                    {link ? (
                      <a href={link} aria-label={`去办理：${n.title}`}>
                        去办理
                      </a>
                    ) : null}
                    {n.read ? (
                      <span class="muted">已读于 {shanghai(n.readAt)}</span>
                    ) : (
                      <ActionButton session={session} action={`/console/inbox/${n.id}/read`} label="标为已读" kind="secondary" fields={{ back }} />
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        ) : (
          <Alert kind="info">{unread ? '没有未读通知。' : '收件箱是空的。'}</Alert>
        )}
        {inbox.nextCursor ? <a href={`/console/inbox${query({ ...filters, cursor: inbox.nextCursor })}`}>更早的通知</a> : null}
      </>,
      result.ok ? 200 : result.problem.status === 404 ? 404 : 400,
    );
  });

  app.post('/inbox/:id/read', async (c) => {
    const { api } = page(c, options);
    const body = await c.req.parseBody();
    const back = typeof body['back'] === 'string' && body['back'].startsWith('/console/inbox') ? body['back'] : '/console/inbox';
    const result = await api.post<NotificationView>(`/v1/notifications/${encodeURIComponent(c.req.param('id'))}/read`);
    return c.redirect(withFlash(back, result.ok ? { ok: `已标为已读：${result.data.title}` } : { error: problemText(result.problem) }), 303);
  });

  return app;
}
