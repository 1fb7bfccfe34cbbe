import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../functions/local/stack.js';
import { loadEnv } from '../../shared/env.js';
import { seedPgliteDataDir } from '../support/database.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');

/** Browser tests need Debian's Chromium; CI installs it, and there its absence is a failure rather than a skip. */
export const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ConsoleRig {
  stack: LocalStack;
  browser: Browser;
  url: string;
  /** A fresh browser context (its own cookies) at the given width. */
  newPage(width?: number): Promise<Page>;
  provinceToken(): Promise<string>;
  cityToken(tenant: string, role?: string, unit?: string): Promise<string>;
  close(): Promise<void>;
}

/** The stack `npm start` runs (PGlite in a temporary data directory, the SQS emulator, pollers), and Chromium; `settings` as environment variables. */
export async function startConsoleRig(settings: Record<string, string> = {}): Promise<ConsoleRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shequ-browser-'));
  const [port, sqsPort] = [await freePort(), await freePort()];
  // the stack keeps PGlite under DATA_DIR/pglite (functions/local/stack.ts)
  await seedPgliteDataDir(join(dataDir, 'pglite'));
  const env = loadEnv({ ...process.env, DATABASE_URL: undefined, DATA_DIR: dataDir, PORT: String(port), SQS_PORT: String(sqsPort), CHANNEL_STANDIN_PORT: String(await freePort()), LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...settings });
  const stack = await startLocalStack(env);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  mkdirSync(ARTIFACTS, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  return {
    stack,
    browser,
    url,
    async newPage(width = 1280) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return page;
    },
    provinceToken: () => stack.identity.issue({ sub: 'browser-setup', scope: 'province', role: 'province_admin', unit: env.PROVINCE_CODE }, { expiresIn: '1h' }),
    cityToken: (tenant, role = 'city_admin', unit = tenant) => stack.identity.issue({ sub: `browser-${role}`, tenant, role: role as 'city_admin', unit }, { expiresIn: '1h' }),
    async close() {
      await browser.close();
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the local development sign-in page, as a person would. */
export async function signIn(page: Page, url: string, who: { level: 'city' | 'province'; tenant?: string; role: string; unit?: string; name: string }): Promise<void> {
  await page.goto(`${url}/console/login`);
  await page.getByLabel('层级').selectOption(who.level);
  await page.getByLabel('城市代码').fill(who.tenant ?? '');
  await page.getByLabel('角色').selectOption(who.role);
  await page.getByLabel('所属单位代码').fill(who.unit ?? '');
  await page.getByLabel('姓名（显示用）').fill(who.name);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/console(\/(?!login).*)?$/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(/\/console\/login\?signedOut=1/);
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Onboards 东莞市 (4419) with its official division list (db/seed/divisions/4419.csv); returns its city admin's token. */
export async function onboardDongguan(rig: ConsoleRig): Promise<string> {
  await api(rig, await rig.provinceToken(), 'POST', '/v1/tenants', { code: '4419', name: '东莞市' });
  const admin = await rig.cityToken('4419');
  const csv = readFileSync(join(process.cwd(), 'db', 'seed', 'divisions', '4419.csv'), 'utf8');
  const imported = await fetch(`${rig.url}/v1/divisions/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: csv });
  if (imported.status !== 200) throw new Error(`importing 4419: ${imported.status} ${await imported.text()}`);
  return admin;
}

export async function api(rig: ConsoleRig, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${rig.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Waits until the element is visible (playwright-core has no test runner matchers; these are the few we need). */
export async function visible(locator: import('playwright-core').Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

/** Waits until the element's text equals (string) or contains (RegExp / { contains }) what is expected. */
export async function hasText(locator: import('playwright-core').Locator, expected: string | RegExp | { contains: string }, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = ((await locator.first().textContent({ timeout }).catch(() => '')) ?? '').trim();
    const ok = typeof expected === 'string' ? last === expected : expected instanceof RegExp ? expected.test(last) : last.includes(expected.contains);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`expected ${String(typeof expected === 'object' && 'contains' in expected ? `text containing “${expected.contains}”` : expected)}, saw “${last.slice(0, 300)}”`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs a browser scenario in its own context; on failure the page is saved as FAILED-<name>.png to look at. */
export async function scenario(rig: ConsoleRig, name: string, width: number, run: (page: Page) => Promise<void>): Promise<void> {
  const page = await rig.newPage(width);
  try {
    await run(page);
  } catch (error) {
    await page.screenshot({ path: join(ARTIFACTS, `FAILED-${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await page.context().close();
  }
}
