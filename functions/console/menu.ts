import { hasRole, type Principal, type Role } from '../../shared/auth/principal.js';
import { exportKeyManagers } from '../../shared/tenant-export/roles.js';

/** A page of the menu; an area's pages are its children (the area's own menu under the title, and the sidebar's open group). */
export interface MenuItem {
  href: string;
  label: string;
  children?: readonly MenuItem[];
  /** Shown only to these roles (the pages whose every action needs one). */
  roles?: readonly Role[];
}
export interface MenuGroup {
  label: string;
  items: readonly MenuItem[];
}

/**
 * The console's menu, written once: the sidebar, each area's own menu and the breadcrumbs are drawn from it. An area's
 * first child is the area's home (the same address as the area).
 */
export const cityMenu: readonly MenuGroup[] = [
  {
    label: '工作台',
    items: [
      { href: '/console/home', label: '首页（待办）' },
      { href: '/console/inbox', label: '收件箱' },
      { href: '/console/channels', label: '通知渠道' },
    ],
  },
  {
    label: '基层组织',
    items: [
      { href: '/console/divisions', label: '行政区划与社区' },
      { href: '/console/plans', label: '调整方案' },
      { href: '/console/elections', label: '居委会选举' },
    ],
  },
  {
    label: '队伍与议事',
    items: [
      {
        href: '/console/training', label: '成员培训',
        children: [
          { href: '/console/training', label: '达标情况' },
          { href: '/console/training/programmes', label: '培训方案与教材' },
          { href: '/console/training/plans', label: '培训计划与培训班' },
          { href: '/console/training/completions/new', label: '登记外部培训' },
          { href: '/console/training/settings', label: '提醒设置' },
        ],
      },
      {
        href: '/console/conferences', label: '联席会议',
        children: [
          { href: '/console/conferences', label: '会议日历' },
          { href: '/console/conferences/series', label: '联席会议设置' },
          { href: '/console/conferences/member-units', label: '成员单位名录' },
          { href: '/console/conferences/cadence', label: '召开情况' },
          { href: '/console/conferences/feeds', label: '日历订阅' },
        ],
      },
    ],
  },
  {
    label: '服务与改革',
    items: [
      {
        href: '/console/services', label: '服务与志愿',
        children: [
          { href: '/console/services', label: '概览' },
          { href: '/console/services/facilities', label: '服务设施' },
          { href: '/console/services/units', label: '服务单位' },
          { href: '/console/services/organisations', label: '志愿者组织' },
          { href: '/console/services/volunteers', label: '志愿者与劳动储蓄' },
        ],
      },
      { href: '/console/consultations', label: '居民咨询' },
      {
        href: '/console/reform', label: '改革',
        children: [
          { href: '/console/reform', label: '阶段与统计' },
          { href: '/console/reform/pilots', label: '改革试点' },
          { href: '/console/reform/demonstrations', label: '示范单位' },
          { href: '/console/reform/self-inspections', label: '自查' },
        ],
      },
      {
        href: '/console/duties', label: '费随事转',
        children: [
          { href: '/console/duties', label: '准入清单' },
          { href: '/console/duties/demands', label: '未经准入事项' },
          { href: '/console/duties/departments', label: '按部门汇总' },
        ],
      },
    ],
  },
  {
    label: '报送',
    items: [
      { href: '/console/reports', label: '工作报告' },
      { href: '/console/export-key', label: '数据导出公钥', roles: exportKeyManagers },
    ],
  },
];

export const provinceMenu: readonly MenuGroup[] = [
  {
    label: '工作台',
    items: [{ href: '/console/province', label: '总览（待办）' }],
  },
  {
    label: '地市与报告',
    items: [
      { href: '/console/province/tenants', label: '地市管理' },
      { href: '/console/province/templates', label: '报告模板' },
      { href: '/console/province/reports', label: '城市报告' },
    ],
  },
  {
    label: '改革督导',
    items: [
      {
        href: '/console/province/reform', label: '改革督导',
        children: [
          { href: '/console/province/reform', label: '改革阶段' },
          { href: '/console/province/reform/checklist', label: '自查清单' },
          { href: '/console/province/reform/submissions', label: '各市自查报送' },
          { href: '/console/province/reform/spot-checks', label: '抽查验收' },
        ],
      },
    ],
  },
];

export function menuFor(principal: Principal): readonly MenuGroup[] {
  const menu = principal.kind === 'province' ? provinceMenu : cityMenu;
  return menu.map((g) => ({ ...g, items: g.items.filter((i) => !i.roles || hasRole(principal, i.roles)) }));
}

const everyArea = [...cityMenu, ...provinceMenu].flatMap((g) => g.items);

/** An area's own pages (for its menu under the title), by the area's address. */
export function sectionOf(href: string): readonly MenuItem[] {
  const area = everyArea.find((i) => i.href === href);
  if (!area?.children) throw new Error(`no menu area ${href}`);
  return area.children;
}

/** Whether a link is current at a path: on its own path or below it (an area's home only on itself when it has pages). */
export const isAt = (href: string, path: string) => path === href || path.startsWith(`${href}/`);

// pages that live under another area's address in the menu: a community under the division tree, a committee too
const menuPathOf = (path: string) => path.replace(/^\/console\/(communities|committees)(\/|$)/, '/console/divisions$2');

/** Where a path sits in the menu: its group, area and (if the area has pages) the page. */
export function locate(menu: readonly MenuGroup[], path: string): { group?: MenuGroup; area?: MenuItem; page?: MenuItem } {
  const at = menuPathOf(path);
  let best: { group: MenuGroup; area: MenuItem } | undefined;
  for (const group of menu) {
    for (const area of group.items) {
      if (isAt(area.href, at) && (!best || area.href.length > best.area.href.length)) best = { group, area };
    }
  }
  if (!best) return {};
  const page = best.area.children
    ?.filter((p, i) => (i === 0 ? at === p.href : isAt(p.href, at)))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return { ...best, ...(page ? { page } : {}) };
}
