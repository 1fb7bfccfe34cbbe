import { createContext, type Child, type FC, type PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { roleLabels, type Principal } from '../../shared/auth/principal.js';
import { divisionKinds, kindLevelLabels, type DivisionKind } from '../../shared/hierarchy/rules.js';
import { locate, menuFor, type MenuGroup, type MenuItem } from './menu.js';
import type { ConsoleSession } from './session.js';

/** The response's CSP nonce, set by the layout, for the picker's own script. */
export const NonceContext = createContext<string | undefined>(undefined);

const styles = `
:root{--ink:#1f2937;--muted:#6b7280;--line:#d1d5db;--brand:#b91c1c;--brand-dark:#991b1b;--brand-soft:#fef2f2;--brand-ink:#fff;--accent:#b91c1c;--link:#1f4e8c;--ok:#15803d;--warn:#b45309;--bad:#b91c1c;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header.top{background:var(--brand);color:var(--brand-ink);padding:10px 20px;display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center;justify-content:space-between}
header.top .brand{font-size:18px;font-weight:700;color:#fff;text-decoration:none}
header.top .who{font-size:13px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
header.top button{background:transparent;color:#fff;border:1px solid #fff;border-radius:4px;padding:2px 10px;cursor:pointer}
nav.section{display:flex;flex-wrap:wrap;gap:4px 2px;border-bottom:1px solid var(--line);margin:0 0 16px}
nav.section a{padding:6px 12px;text-decoration:none;color:var(--link);border-bottom:2px solid transparent;margin-bottom:-1px}
nav.section a[aria-current=page]{color:var(--ink);font-weight:600;border-bottom-color:var(--brand)}
.shell{display:grid;grid-template-columns:208px minmax(0,1fr);min-height:calc(100vh - 48px)}.shell.bare{display:block}
.menu-toggle{position:absolute;opacity:0;width:1px;height:1px;margin:0}.menu-button{display:none;cursor:pointer;border:1px solid #fff;border-radius:4px;padding:2px 10px;font-size:14px}
.menu-toggle:focus-visible+header .menu-button{outline:3px solid #f59e0b;outline-offset:2px}
nav.sidebar{background:#fff;border-right:1px solid var(--line);padding:8px 0 24px;font-size:14px}
nav.sidebar h2{font-size:12px;color:var(--muted);font-weight:600;margin:14px 16px 4px;letter-spacing:.05em}
nav.sidebar ul{list-style:none;margin:0;padding:0}nav.sidebar ul ul{margin:2px 0 6px}
nav.sidebar a{display:block;padding:7px 16px;color:var(--ink);text-decoration:none;border-left:3px solid transparent}
nav.sidebar ul ul a{padding:5px 16px 5px 32px;color:#374151}
nav.sidebar a:hover{background:#f3f4f6}
nav.sidebar a[aria-current]{color:var(--brand-dark);font-weight:600;background:var(--brand-soft)}
nav.sidebar a[aria-current=page]{border-left-color:var(--brand)}
nav.crumbs ol{list-style:none;margin:0 0 4px;padding:0;display:flex;flex-wrap:wrap;gap:4px;font-size:13px;color:var(--muted)}
nav.crumbs li+li::before{content:'›';margin-right:4px;color:#9ca3af}nav.crumbs a{color:var(--muted)}nav.crumbs [aria-current]{color:var(--ink)}
main{max-width:1200px;width:100%;padding:14px 24px 48px;min-width:0}
h1{font-size:22px;margin:8px 0 16px}h2{font-size:18px;margin:24px 0 10px}h3{font-size:16px;margin:16px 0 8px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin:0 0 16px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px}
.stat{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px}.stat b{display:block;font-size:24px}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:6px;margin:0 0 16px}
th a.sort{color:inherit;text-decoration:none}th a.sort:hover,th a.sort:focus{text-decoration:underline}th[aria-sort=ascending],th[aria-sort=descending]{color:var(--brand,#b91c1c)}table.nowrap td,table.nowrap th{white-space:nowrap}.pager{justify-content:flex-end;gap:12px;margin:0 0 16px}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{padding:7px 10px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
th{background:#f3f4f6;font-weight:600;white-space:nowrap}tbody th[scope=row]{background:none;white-space:normal;min-width:8em}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
caption{caption-side:top;text-align:left;padding:8px 10px;font-weight:600}
form.stack{display:grid;gap:12px;max-width:640px}form.stack.wide{max-width:none}form.stack.wide>.field,form.stack.wide>fieldset.stack{max-width:640px}
fieldset{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:0}fieldset.candidates .table-wrap{margin:6px 0 8px}
table.entry td{padding:4px 6px}table.entry input,table.entry select{padding:5px 6px;min-width:4.5em}table.entry td.invalid input,table.entry td.invalid select{border-color:var(--bad);background:#fef2f2}table.entry .field-error{display:block}
dl.frozen{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dl.frozen dt{color:var(--muted)}dl.frozen dd{margin:0}
.field{display:grid;gap:4px}.field label{font-weight:600}.field .hint{color:var(--muted);font-size:13px}
input,select,textarea{font:inherit;padding:7px 9px;border:1px solid #9ca3af;border-radius:4px;background:#fff;width:100%;max-width:100%}
input[type=checkbox],input[type=radio]{width:auto}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:var(--bad);background:#fef2f2}
.field-error{color:var(--bad);font-size:13px;font-weight:600}
button,.button{font:inherit;background:var(--accent);color:#fff;border:0;border-radius:4px;padding:7px 16px;cursor:pointer;text-decoration:none;display:inline-block}
button:hover,.button:hover{background:var(--brand-dark)}
button.secondary,.button.secondary{background:#fff;color:var(--ink);border:1px solid #9ca3af}button.secondary:hover,.button.secondary:hover{background:#f3f4f6}
button.danger{background:#fff;color:var(--bad);border:1px solid var(--bad)}button.danger:hover{background:var(--brand-soft)}
.actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.alert{border-radius:6px;padding:10px 14px;margin:0 0 16px;border:1px solid}
.alert.error{background:#fef2f2;border-color:#fecaca;color:#7f1d1d}.alert.ok{background:#f0fdf4;border-color:#bbf7d0;color:#14532d}.alert.info{background:#eff6ff;border-color:#bfdbfe}
.tag{display:inline-block;white-space:nowrap;border-radius:10px;padding:0 8px;font-size:12px;background:#e5e7eb}
.tag.ok{background:#dcfce7;color:#14532d}.tag.warn{background:#fef3c7;color:#78350f}.tag.bad{background:#fee2e2;color:#7f1d1d}.tag.info{background:#dbeafe;color:#1e3a8a}
.muted{color:var(--muted)}.chart svg{width:100%;height:auto;display:block}
details.tree{margin-left:16px}details.tree>summary{cursor:pointer;padding:2px 0}
ul.tree{list-style:none;padding-left:16px;margin:4px 0}
progress{width:100%;height:18px}
ul.todo{list-style:none;margin:0 0 16px;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:10px}
.todo-item a{display:grid;grid-template-columns:auto 1fr;grid-template-areas:'n label' 'n go';column-gap:12px;align-items:center;background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;text-decoration:none;color:var(--ink);height:100%}
.todo-item b{grid-area:n;font-size:28px;line-height:1;min-width:1.2em;text-align:center}.todo-item .todo-unit{display:none}
.todo-item .todo-label{grid-area:label;font-weight:600}.todo-item .todo-go{grid-area:go;font-size:13px;color:var(--link)}
.todo-item.due a{border-left:4px solid var(--brand)}.todo-item.due b{color:var(--brand)}.todo-item.clear b,.todo-item.clear .todo-label{color:var(--muted);font-weight:400}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,500px),1fr));gap:16px}.figures>section{min-width:0}
@media (max-width:760px){.shell{display:block}.menu-button{display:inline-block}nav.sidebar{display:none;border-right:0;border-bottom:1px solid var(--line)}
.menu-toggle:checked~.shell nav.sidebar{display:block}main{padding:12px}header.top{padding:8px 12px;justify-content:flex-start}header.top .who{width:100%}h1{font-size:19px}}
`;

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
