import { createContext, type Child, type FC, type PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { roleLabels, type Principal } from '../../shared/auth/principal.js';
import { divisionKinds, kindLevelLabels, type DivisionKind } from '../../shared/hierarchy/rules.js';
import { locate, menuFor, type MenuGroup, type MenuItem } from './menu.js';
import { styles } from '../web/styles.js';
import type { ConsoleSession } from './session.js';

/** The response's CSP nonce, set by the layout, for the picker's own script. */
export const NonceContext = createContext<string | undefined>(undefined);


/** The unit a session works at, by name: what the header shows (resolved through the API by ./unit.ts). */
export interface UnitInfo {
  code: string;
  name: string;
  kind: string | null;
}

// 街道/镇/乡, 区/县/县级市 by the unit's real kind, not 街道（镇） for everyone
const workerPlace = (kind: string): string | null => ((divisionKinds as readonly string[]).includes(kind) ? kindLevelLabels[kind as DivisionKind] : null);

/** The role as the header names it: a street or district officer by the kind of unit they work at. */
export function roleLabelAt(role: Principal['role'], unitKind: string | null | undefined): string {
  if (role === 'system') return '系统';
  const place = unitKind ? workerPlace(unitKind) : null;
  if (place && (role === 'street_officer' || role === 'district_officer')) return `${place}工作人员`;
  return roleLabels[role];
}

export function whoLabel(principal: Principal, provinceName: string, unit?: UnitInfo): string {
  const where = principal.kind === 'province' ? provinceName : (unit?.name ?? principal.unit);
  return `${where} · ${roleLabelAt(principal.role, unit?.kind)}`;
}

/** An area's own menu under the title (培训, 联席会议, 服务与志愿, 改革): its pages from the console's menu, the current one marked. */
export const SectionNav: FC<{ label: string; items: readonly MenuItem[]; current: string | undefined }> = ({ label, items, current }) => (
  <nav class="section" aria-label={label}>
    {items.map((item, i) => {
      const here = current === item.href || (i > 0 && !!current?.startsWith(`${item.href}/`));
      return (
        <a href={item.href} aria-current={here ? 'page' : undefined}>
          {item.label}
        </a>
      );
    })}
  </nav>
);

const Sidebar: FC<{ menu: readonly MenuGroup[]; path: string }> = ({ menu, path }) => {
  const here = locate(menu, path);
  return (
    <nav class="sidebar" id="sidebar" aria-label="主菜单">
      {menu.map((group) => (
        <section class={group === here.group ? 'group current' : 'group'}>
          <h2>{group.label}</h2>
          <ul>
            {group.items.map((area) => {
              const current = area.href === here.area?.href;
              return (
                <li>
                  <a href={area.href} aria-current={current && (!here.page || here.page.href === area.href) ? 'page' : current ? 'true' : undefined}>
                    {area.label}
                  </a>
                  {current && area.children ? (
                    <ul>
                      {area.children.slice(1).map((p) => (
                        <li>
                          <a href={p.href} aria-current={p.href === here.page?.href ? 'page' : undefined}>
                            {p.label}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
};

/** 首页 › area › page › this page, from the menu; the last one is where you are. */
const Breadcrumbs: FC<{ menu: readonly MenuGroup[]; path: string; title: string }> = ({ menu, path, title }) => {
  const home = menu[0]!.items[0]!;
  const here = locate(menu, path);
  const crumbs: { href: string; label: string }[] = [{ href: home.href, label: '首页' }];
  if (here.area && here.area.href !== home.href) crumbs.push(here.area);
  if (here.page && here.page.href !== here.area?.href) crumbs.push(here.page);
  const last = crumbs[crumbs.length - 1]!;
  const titleIsLast = last.label === title || (path === last.href && crumbs.length > 1);
  return (
    <nav class="crumbs" aria-label="面包屑">
      <ol>
        {crumbs.map((c, i) =>
          i === crumbs.length - 1 && (titleIsLast || path === c.href) ? (
            <li aria-current="page">{c.label}</li>
          ) : (
            <li>
              <a href={c.href}>{c.label}</a>
            </li>
          ),
        )}
        {titleIsLast || path === last.href ? null : <li aria-current="page">{title}</li>}
      </ol>
    </nav>
  );
};

const favicon = '/console/favicon.svg';

export const Layout: FC<PropsWithChildren<{ title: string; session?: ConsoleSession | undefined; current?: string; provinceName: string; unit?: UnitInfo | undefined; nonce?: string | undefined }>> = (props) => {
  const menu = props.session ? menuFor(props.session.principal) : [];
  const path = props.current ?? '';
  return (
    <>
      {raw('<!doctype html>')}
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · 社区建设工作台`}</title>
        <link rel="icon" type="image/svg+xml" href={favicon} />
        <style>{raw(styles)}</style>
      </head>
      <body>
        <a class="skip" href="#content">跳到正文</a>
        {menu.length ? <input type="checkbox" id="menu-toggle" class="menu-toggle" aria-controls="sidebar" aria-label="显示或收起菜单" /> : null}
        <header class="top">
          {menu.length ? (
            <label for="menu-toggle" class="menu-button">
              ☰ 菜单
            </label>
          ) : null}
          <a class="brand" href="/console">
            社区建设工作台
          </a>
          {props.session ? (
            <div class="who">
              <span>{whoLabel(props.session.principal, props.provinceName, props.unit)}</span>
              <form method="post" action="/console/logout">
                <input type="hidden" name="_csrf" value={props.session.csrf} />
                <button type="submit">退出登录</button>
              </form>
            </div>
          ) : null}
        </header>
        <div class={menu.length ? 'shell' : 'shell bare'}>
          {menu.length ? <Sidebar menu={menu} path={path} /> : null}
          <main id="content">
            {menu.length && path !== menu[0]!.items[0]!.href ? <Breadcrumbs menu={menu} path={path} title={props.title} /> : null}
            <h1>{props.title}</h1>
            <NonceContext.Provider value={props.nonce}>{props.children}</NonceContext.Provider>
          </main>
        </div>
      </body>
    </html>
    </>
  );
};

export const Csrf: FC<{ session: ConsoleSession }> = ({ session }) => <input type="hidden" name="_csrf" value={session.csrf} />;

export const Alert: FC<PropsWithChildren<{ kind: 'error' | 'ok' | 'info' }>> = ({ kind, children }) => (
  <div class={`alert ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);

/** A field's control id, and the ids of the hint and error that describe it. */
export function fieldIds(p: { name: string; hint?: string | undefined; error?: string | undefined }): { id: string; describedBy: string | undefined } {
  const id = `f-${p.name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  return { id, describedBy: [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined };
}

/**
 * What every field shares (Field, UnitPicker): its label (a * when required), its hint, the control, and its error (in
 * Chinese) right under it, tied to the control for screen readers; `trailer` follows the error (the picker's script).
 */
export const FieldFrame: FC<{
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  attrs?: Record<string, string>;
  trailer?: Child | undefined;
  children?: Child;
}> = (p) => (
  <div class={p.error ? 'field invalid' : 'field'} {...(p.attrs ?? {})}>
    <label for={p.id}>
      {p.label}
      {p.required ? <span aria-hidden="true"> *</span> : null}
    </label>
    {p.hint ? (
      <span class="hint" id={`${p.id}-hint`}>
        {p.hint}
      </span>
    ) : null}
    {p.children}
    {p.error ? (
      <span class="field-error" id={`${p.id}-error`}>
        {p.error}
      </span>
    ) : null}
    {p.trailer ?? null}
  </div>
);

/** A labelled field; its error (in Chinese) sits right under it and is tied to it for screen readers. */
export const Field: FC<{
  name: string;
  label: string;
  value?: string | number | null | undefined;
  type?: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  options?: { value: string; label: string }[];
  multiline?: boolean;
  attrs?: Record<string, string | number | boolean>;
}> = (p) => {
  const { id, describedBy } = fieldIds(p);
  const common = { id, name: p.name, required: p.required, 'aria-invalid': p.error ? 'true' : undefined, 'aria-describedby': describedBy, ...(p.attrs ?? {}) };
  const value = p.value === null || p.value === undefined ? '' : String(p.value);
  let control: Child;
  if (p.options) {
    control = (
      <select {...common}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (p.multiline) {
    control = (
      <textarea {...common} rows={6}>
        {value}
      </textarea>
    );
  } else {
    control = <input {...common} type={p.type ?? 'text'} value={value} />;
  }
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={p.error} required={p.required}>
      {control}
    </FieldFrame>
  );
};

/** A POST button for one lifecycle step (submit, approve, certify…), with the CSRF token. */
export const ActionButton: FC<{ session: ConsoleSession; action: string; label: string; kind?: 'danger' | 'secondary'; fields?: Record<string, string> }> = (p) => (
  <form method="post" action={p.action} style="display:inline">
    <Csrf session={p.session} />
    {Object.entries(p.fields ?? {}).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    <button type="submit" class={p.kind}>
      {p.label}
    </button>
  </form>
);

export const Tag: FC<PropsWithChildren<{ kind?: 'ok' | 'warn' | 'bad' | 'info' }>> = ({ kind, children }) => <span class={`tag ${kind ?? ''}`}>{children}</span>;

/** A unit as a person reads it: by name, its code on hover; the code only when the division list has no name for it. */
export const UnitName: FC<{ code: string; name: string | null | undefined }> = ({ code, name }) => (name ? <span title={code}>{name}</span> : <>{code}</>);

export function shanghai(iso: string | null | undefined, withTime = true): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
  });
  return f.format(d);
}

export function num(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return n.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A GET form that filters a list by status, with room for the list's own actions (e.g. a “new” link) beside it. */
export const StatusFilter: FC<PropsWithChildren<{ action: string; labels: Record<string, { label: string }>; current?: string | undefined }>> = (p) => (
  <form method="get" class="actions card" action={p.action}>
    <div class="field">
      <label for="status">状态</label>
      <select id="status" name="status">
        <option value="">全部</option>
        {Object.entries(p.labels).map(([value, s]) => (
          <option value={value} selected={value === p.current}>
            {s.label}
          </option>
        ))}
      </select>
    </div>
    <button type="submit" class="secondary">
      筛选
    </button>
    {p.children}
  </form>
);
