import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { planStatuses, changeKinds } from '../../shared/adjustments/rules.js';
import { roles } from '../../shared/auth/principal.js';
import { committeePositions } from '../../shared/committees/rules.js';
import { communityTypes, sizeStatuses } from '../../shared/communities/rules.js';
import { divisionKinds, divisionLevels } from '../../shared/hierarchy/rules.js';
import { snapshotStatuses, reportStatuses } from '../../shared/reporting/rules.js';
import { obligationStatuses } from '../../shared/training/rules.js';
import { invitationReplies, memberUnitTypes, occurrenceStatuses, resolutionStatuses, seriesStatuses } from '../../shared/conferences/rules.js';
import { electionModes } from '../../shared/elections/rules.js';

/**
 * The issue-19 checks, each written once and run on every page a browser walk visits. A check does not throw: it
 * returns what it found, so one run lists every page's every problem (the walk asserts the list is empty).
 */
export interface Violation {
  check: 'ascii-message' | 'raw-value' | 'code-not-name' | 'table-column' | 'confirmation';
  page: string;
  what: string;
}

/**
 * The words a person must never read raw: every role, position, level, division kind and status value of the domain
 * (the English codes the API speaks), and any snake_case word. Taken from the domain's own lists, so a new status is
 * covered without anyone remembering to; `street`, `district` and `community` are the level words people type.
 */
export const rawValues: readonly string[] = [
  ...new Set([
    ...roles,
    ...committeePositions,
    ...divisionLevels,
    ...divisionKinds,
    'street',
    'district',
    'community',
    ...planStatuses,
    ...changeKinds,
    ...reportStatuses,
    ...snapshotStatuses,
    'planned',
    'counted',
    'certified',
    'further_round_needed',
    ...electionModes,
    ...obligationStatuses,
    ...communityTypes,
    ...sizeStatuses,
    ...memberUnitTypes,
    ...seriesStatuses,
    ...occurrenceStatuses,
    ...invitationReplies,
    ...resolutionStatuses,
    'male',
    'female',
    'once',
  ]),
];

/**
 * Division codes that have a name in the city's list: the 12-digit statistical codes, the short forms the app uses for
 * a street (9 digits) and a district (6 digits), and the city's own code.
 */
export function namedCodes(csvPath: string, city: string): Set<string> {
  // the city's own 4-digit code names the city (东莞市) as much as its 12-digit row does
  const codes = new Set<string>([city]);
  for (const line of readFileSync(csvPath, 'utf8').trim().split('\n').slice(1)) {
    const [code = '', name = ''] = line.split(',');
    if (!/^\d{12}$/.test(code) || !name.trim()) continue;
    codes.add(code);
    // a district's 6 digits; the city's own row gives the 6 digits its streets are counted under when it has no districts
    if (code.endsWith('000000')) codes.add(code.slice(0, 6));
    else if (code.endsWith('000') && !code.endsWith('000000')) codes.add(code.slice(0, 9));
  }
  return codes;
}

/**
 * An element marked as a code: `<code>`, `<small>`, `.code`, `[data-code]` or `.muted` (the console's small grey text
 * beside a name), or a table cell in a column headed as codes (代码, 区划代码…). A code shown there is the “code small
 * beside the name” the issue allows.
 */
export const CODE_MARK = 'code,kbd,samp,small,.code,[data-code],.muted';
/** Where the console shows a message to a person: alerts, field errors, status lines. */
export const MESSAGE = '.alert,.field-error,[role=alert],[role=status]';

interface Piece {
  text: string;
  /** Inside an element marked as a code ({@link CODE_MARK}). */
  inCode: boolean;
  /** Inside literal code (`<code>`, `<kbd>`, `<samp>`): a hash, a rule, a file header, shown as written. */
  inLiteral: boolean;
  where: string;
}

/** The text a person can see: visible text nodes (and each select's chosen option), with where each sits. */
async function visibleText(page: Page): Promise<Piece[]> {
  return page.evaluate((codeMark) => {
    const where = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const id = e.id ? `#${e.id}` : '';
        const cls = e.classList.length ? `.${[...e.classList].join('.')}` : '';
        parts.unshift(`${e.tagName.toLowerCase()}${id}${cls}`);
        if (id) break;
      }
      return parts.join(' > ');
    };
    const shown = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const out: { text: string; inCode: boolean; inLiteral: boolean; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script,style,template,textarea,noscript')) continue;
      const option = el.closest('option');
      if (option) {
        const select = option.closest('select');
        if (!option.selected || !select || !shown(select)) continue;
      } else if (!shown(el)) continue;
      const cell = el.closest('td,th');
      const table = cell?.closest('table');
      const column = cell && table ? [...(table.querySelector('thead tr')?.children ?? [])][[...cell.parentElement!.children].indexOf(cell)] : undefined;
      const codeColumn = !!column && /代码$/.test((column.textContent ?? '').trim());
      out.push({ text, inCode: codeColumn || !!el.closest(codeMark), inLiteral: !!el.closest('code,kbd,samp'), where: where(el) });
    }
    return out;
  }, CODE_MARK);
}

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Three English words in a row: a sentence of English, not a unit (“Excel 工作簿”, “SHA-256”, “RFC 5545”). */
const englishPhrase = /[A-Za-z]{2,}[,.'’]?\s+[A-Za-z]{2,}[,.'’]?\s+[A-Za-z]{2,}/;

/** No message shown in English: every alert, field error and status line has Chinese and no English sentence; so do the title and heading. */
export async function checkNoAsciiMessages(page: Page, name: string): Promise<Violation[]> {
  const found = await page.evaluate(
    ({ message }) => {
      const out: string[] = [];
      const items = [...document.querySelectorAll(message)].filter((el) => el.checkVisibility() && !el.parentElement?.closest(message));
      for (const el of items) out.push((el as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
      out.push(`title: ${document.title}`);
      const h1 = document.querySelector('h1');
      if (h1) out.push(`h1: ${(h1 as HTMLElement).innerText.trim()}`);
      return out;
    },
    { message: MESSAGE },
  );
  const violations: Violation[] = [];
  for (const text of found) {
    const body = text.replace(/^(title|h1): /, '');
    if (!body) continue;
    if (!cjk.test(body)) violations.push({ check: 'ascii-message', page: name, what: `message without Chinese: “${text.slice(0, 160)}”` });
    else if (englishPhrase.test(body)) violations.push({ check: 'ascii-message', page: name, what: `English inside a message: “${text.slice(0, 160)}”` });
  }
  // an English sentence anywhere on the page (outside code) is a message too
  for (const p of await visibleText(page)) {
    if (!p.inLiteral && englishPhrase.test(p.text) && !cjk.test(p.text)) violations.push({ check: 'ascii-message', page: name, what: `English text “${p.text.slice(0, 120)}” at ${p.where}` });
  }
  return violations;
}

/** Labels the issue retires: levels by the statistical tier instead of the unit's kind, and “tenant” for a city. */
export const retiredLabels = ['县级', '乡级', '村级', '城市租户'] as const;
const retired = new RegExp(`(${retiredLabels.join('|')})`, 'g');

const rawWord = new RegExp(`(?<![A-Za-z0-9_@./-])(${[...rawValues].sort((a, b) => b.length - a.length).join('|')}|[a-z]+(?:_[a-z]+)+)(?![A-Za-z0-9_@/-])`, 'g');

/** No raw role, level, status or kind value (chair, vice_chair, submitted, draft, street, county…) nor a retired label (乡级, 城市租户) in what a person reads, literal code aside. */
export async function checkNoRawValues(page: Page, name: string): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const p of await visibleText(page)) {
    if (p.inLiteral) continue;
    for (const m of p.text.matchAll(rawWord)) violations.push({ check: 'raw-value', page: name, what: `raw value “${m[1]}” in “${p.text.slice(0, 120)}” at ${p.where}` });
    for (const m of p.text.matchAll(retired)) violations.push({ check: 'raw-value', page: name, what: `retired label “${m[1]}” in “${p.text.slice(0, 120)}” at ${p.where}` });
  }
  return violations;
}

/**
 * No division code where the unit's name exists: a run of digits (not part of a longer one) that is one of the city's
 * named codes (12-digit, a street's 9, a district's 6 or the city's 4) and is not inside an element marked as a code
 * ({@link CODE_MARK}).
 */
export async function checkNamesNotCodes(page: Page, name: string, codes: Set<string>): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const p of await visibleText(page)) {
    if (p.inCode) continue;
    for (const m of p.text.matchAll(/(?<!\d)(\d{12}|\d{9}|\d{6}|\d{4})(?!\d)/g)) {
      if (codes.has(m[1]!)) violations.push({ check: 'code-not-name', page: name, what: `code ${m[1]} shown as “${p.text.slice(0, 120)}” at ${p.where}` });
    }
  }
  return violations;
}

/**
 * No hidden or cut-off column: every cell of every visible table is displayed, a table wider than its box sits in a
 * box that scrolls sideways (overflow-x auto or scroll), no table runs past the window, and the page itself never
 * scrolls sideways.
 */
export async function checkTableColumns(page: Page, name: string): Promise<Violation[]> {
  const found = await page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push(`the page scrolls sideways by ${root.scrollWidth - root.clientWidth} px`);
    document.querySelectorAll('table').forEach((table, index) => {
      if (!table.checkVisibility()) return;
      const label = `table ${index + 1} (${(table.querySelector('caption')?.textContent ?? [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim()).join('|')).slice(0, 60)})`;
      const headers = [...(table.querySelector('thead tr')?.children ?? [])].map((th) => (th.textContent ?? '').trim());
      const hidden = new Set<string>();
      for (const row of table.querySelectorAll('tr')) {
        [...row.children].forEach((cell, i) => {
          const style = getComputedStyle(cell);
          if (style.display === 'none' || style.visibility !== 'visible' || cell.getBoundingClientRect().width < 1) hidden.add(headers[i] || `column ${i + 1}`);
        });
      }
      for (const h of hidden) out.push(`${label}: column “${h}” is hidden`);
      let box: HTMLElement | null = table.parentElement;
      while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
      const scrolls = !!box && box !== document.body && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
      const { right, width } = table.getBoundingClientRect();
      if (!scrolls) {
        if (box && box !== document.body && width > box.clientWidth + 1) out.push(`${label}: ${Math.round(width - box.clientWidth)} px cut off by a box that does not scroll`);
        else if (right > root.clientWidth + 1) out.push(`${label}: runs ${Math.round(right - root.clientWidth)} px past the window without a scrolling box`);
      } else if (box!.getBoundingClientRect().right > root.clientWidth + 1) {
        out.push(`${label}: its scrolling box runs past the window`);
      }
    });
    return out;
  });
  return found.map((what) => ({ check: 'table-column' as const, page: name, what }));
}

/** Every check above on the page as it stands. */
export async function checkPage(page: Page, name: string, codes: Set<string>): Promise<Violation[]> {
  return [...(await checkNoAsciiMessages(page, name)), ...(await checkNoRawValues(page, name)), ...(await checkNamesNotCodes(page, name, codes)), ...(await checkTableColumns(page, name))];
}

/**
 * An irreversible step asks first: what `start` does leads to a confirmation page (the console's ConfirmStep: its
 * heading, the facts that will be frozen, a cancel link) and nothing has happened yet (`stillUndone`); then the
 * button `confirm` takes the step. The confirmation page is checked like any other.
 */
export async function confirmBeforeIrreversible(
  page: Page,
  name: string,
  codes: Set<string>,
  step: { start: () => Promise<void>; confirm: string; stillUndone: () => Promise<boolean> },
): Promise<Violation[]> {
  const before = page.url();
  await step.start();
  const section = page.locator('section.confirm');
  const violations: Violation[] = [];
  const shown = await section
    .waitFor({ state: 'visible', timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (!shown) return [{ check: 'confirmation', page: name, what: `no confirmation page after leaving ${before} (now at ${page.url()})` }];
  if (!(await section.getByRole('heading', { name: '以下内容确认后将不可更改' }).isVisible())) violations.push({ check: 'confirmation', page: name, what: 'the confirmation page does not say what will be frozen' });
  if ((await section.locator('dl.frozen dt').count()) < 1) violations.push({ check: 'confirmation', page: name, what: 'the confirmation page lists nothing that will be frozen' });
  if (!(await section.getByRole('link', { name: '取消，返回' }).isVisible())) violations.push({ check: 'confirmation', page: name, what: 'the confirmation page has no way back' });
  if (!(await step.stillUndone())) violations.push({ check: 'confirmation', page: name, what: 'the step was taken before it was confirmed' });
  violations.push(...(await checkPage(page, name, codes)));
  await section.getByRole('button', { name: step.confirm }).click();
  await page.waitForLoadState('load');
  return violations;
}

/** The violations as a list a person can read (one line each, grouped by page), for the assertion's message and the report. */
export function describeViolations(violations: Violation[]): string {
  const lines = [...new Set(violations.map((v) => `[${v.check}] ${v.page}: ${v.what}`))];
  return lines.join('\n');
}
