import type { FC, PropsWithChildren } from 'hono/jsx';
import { query } from './api.js';

/**
 * The console's one pager, sorter and search box for lists the API pages on the server (`shared/schemas.ts`
 * listQuery): every control is a link or a GET form, so a list pages, sorts and searches without JavaScript.
 */
export interface ListState {
  /** The page's own path, e.g. `/console/elections`. */
  path: string;
  /** The list's filters other than q/sort/page (kept by every link). */
  filters: Record<string, string | undefined>;
  q: string | undefined;
  sort: string | undefined;
  page: number;
}

/** The list state of a request's query string, with the filters the page names. */
export function listState(path: string, read: (name: string) => string | undefined, filterNames: readonly string[] = []): ListState {
  const page = Number(read('page'));
  return {
    path,
    filters: Object.fromEntries(filterNames.map((n) => [n, read(n) || undefined])),
    q: read('q')?.trim() || undefined,
    sort: read('sort') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The API query for the state: the filters, q, sort and page. */
export const apiQuery = (s: ListState, extra: Record<string, string | number | undefined> = {}) => query({ ...s.filters, q: s.q, sort: s.sort, page: s.page, ...extra });

const href = (s: ListState, change: Partial<Pick<ListState, 'q' | 'sort' | 'page'>>) => {
  const next = { ...s, ...change };
  return `${s.path}${query({ ...s.filters, q: next.q, sort: next.sort, page: next.page > 1 ? next.page : undefined })}`;
};

/**
 * The search box (by name), keeping the page's filters; a search starts again at page 1. Filters the page shows as
 * controls of its own inside the form (children) are named in `shown` and not repeated as hidden fields.
 */
export const ListSearch: FC<PropsWithChildren<{ state: ListState; label?: string; placeholder?: string; shown?: readonly string[] }>> = ({ state, label = '名称', placeholder = '输入名称的一部分', shown = [], children }) => (
  <form method="get" action={state.path} class="actions card" role="search">
    {Object.entries(state.filters).map(([name, value]) => (value && !shown.includes(name) ? <input type="hidden" name={name} value={value} /> : null))}
    {state.sort ? <input type="hidden" name="sort" value={state.sort} /> : null}
    <div class="field">
      <label for="list-q">{label}</label>
      <input id="list-q" name="q" type="search" value={state.q ?? ''} placeholder={placeholder} maxlength={50} />
    </div>
    <button type="submit" class="secondary">
      查询
    </button>
    {state.q ? <a href={href(state, { q: undefined, page: 1 })}>清除查询</a> : null}
    {children}
  </form>
);

/**
 * A column header that sorts the list: ascending on first click, then toggles; `defaultSort` is what the API sorts by
 * when the query names none, so the current column shows its arrow from the start.
 */
export const SortHeader: FC<{ state: ListState; sortKey: string; label: string; defaultSort: string; class?: string }> = ({ state, sortKey, label, defaultSort, class: cls }) => {
  const current = state.sort ?? defaultSort;
  const active = current === sortKey || current === `-${sortKey}`;
  const descending = current === `-${sortKey}`;
  const next = active && !descending ? `-${sortKey}` : sortKey;
  return (
    <th scope="col" class={cls} aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <a href={href(state, { sort: next, page: 1 })} class="sort" title={`按${label}${next.startsWith('-') ? '降序' : '升序'}排列`}>
        {label}
        {active ? (descending ? ' ↓' : ' ↑') : ''}
      </a>
    </th>
  );
};

/** “共 N 条 · 第 p / P 页” with first/previous/next/last links; nothing when one page holds every row. */
export const Pager: FC<{ state: ListState; total: number; size: number }> = ({ state, total, size }) => {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(state.page, pages);
  const link = (p: number, text: string, rel?: string) =>
    p === page || p < 1 || p > pages ? <span class="muted">{text}</span> : <a href={href(state, { page: p })} rel={rel}>{text}</a>;
  return (
    <nav class="actions pager" aria-label="分页">
      <span>
        共 {total} 条{pages > 1 ? ` · 第 ${page} / ${pages} 页` : ''}
      </span>
      {pages > 1 ? (
        <>
          {link(1, '首页')}
          {link(page - 1, '上一页', 'prev')}
          {link(page + 1, '下一页', 'next')}
          {link(pages, '末页')}
        </>
      ) : null}
    </nav>
  );
};
