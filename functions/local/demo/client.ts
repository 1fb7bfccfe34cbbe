import type { Role } from '../../../shared/auth/principal.js';

/** A failure the demo explains to the person running it (what it tried, what the API answered). */
export class DemoError extends Error {}

export interface Problem {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
  rows?: Array<{ row: number; code?: string; field: string; reason: string }>;
}

/** Sends one HTTP request to the API: `fetch` against a running stack, `app.request` in tests. */
export type Send = (method: string, path: string, init: { headers: Record<string, string>; body?: string }) => Promise<Response>;

export interface TokenClaims {
  sub: string;
  role: Role;
  unit: string;
  tenant?: string;
  scope?: 'province';
}
export type Mint = (claims: TokenClaims) => Promise<string>;

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export function describeProblem(what: string, status: number, body: unknown): DemoError {
  const p = (body ?? {}) as Problem;
  const lines = [`${what} failed: HTTP ${status}${p.code ? ` ${p.code}` : ''}${p.title ? ` (${p.title})` : ''}${p.detail ? `: ${p.detail}` : ''}`];
  for (const e of (p.errors ?? []).slice(0, 10)) lines.push(`    ${e.path}: ${e.message}`);
  for (const r of (p.rows ?? []).slice(0, 10)) lines.push(`    row ${r.row}${r.code ? ` ${r.code}` : ''} ${r.field}: ${r.reason}`);
  if ((p.rows?.length ?? 0) > 10) lines.push(`    … and ${p.rows!.length - 10} more`);
  if (status === 401) lines.push('  The stack rejected the demo token: run the demo with the same DATA_DIR (and JWT_ISSUER) as the stack.');
  return new DemoError(lines.join('\n'));
}

/**
 * The demo's only way into the system: HTTP calls with tokens minted for the role that would really act
 * (the province, a city admin, a district or street officer), so every rule the API enforces applies to the demo too.
 */
export class DemoClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly send: Send, private readonly mint: Mint, private readonly provinceCode: string) {}

  token(claims: TokenClaims): Promise<string> {
    const key = JSON.stringify(claims);
    let token = this.tokens.get(key);
    if (!token) {
      token = this.mint(claims);
      this.tokens.set(key, token);
    }
    return token;
  }

  province(): Promise<string> {
    return this.token({ sub: 'demo-province-admin', scope: 'province', role: 'province_admin', unit: this.provinceCode });
  }

  city(tenant: string, role: Role = 'city_admin', unit: string = tenant): Promise<string> {
    return this.token({ sub: `demo-${role}-${unit}`, tenant, role, unit });
  }

  async call<T = unknown>(method: string, path: string, init: { token?: string; json?: unknown; csv?: string } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.csv !== undefined) {
      headers['content-type'] = 'text/csv; charset=utf-8';
      body = init.csv;
    }
    const res = await this.send(method, path, { headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T };
  }

  /** A call that must answer one of `ok`; anything else stops the module with the API's own explanation. */
  async expect<T = Record<string, unknown>>(what: string, method: string, path: string, token: string, json?: unknown, ok: number[] = [200, 201]): Promise<T> {
    const answer = await this.call<T>(method, path, { token, json });
    if (!ok.includes(answer.status)) throw describeProblem(what, answer.status, answer.body);
    return answer.body;
  }

  get<T = Record<string, unknown>>(what: string, path: string, token: string): Promise<T> {
    return this.expect<T>(what, 'GET', path, token, undefined, [200]);
  }

  post<T = Record<string, unknown>>(what: string, path: string, token: string, json: unknown = {}): Promise<T> {
    return this.expect<T>(what, 'POST', path, token, json);
  }
}

/** What one module did: rows it created and rows it found already there. */
export class Tally {
  created = 0;
  existing = 0;
  readonly notes: string[] = [];

  made(n = 1): void {
    this.created += n;
  }

  found(n = 1): void {
    this.existing += n;
  }

  note(line: string): void {
    this.notes.push(line);
  }
}

export interface DemoContext {
  client: DemoClient;
  /** The stack's time: meetings that have started by now get their minutes. */
  now: Date;
  /** Today in Asia/Shanghai (YYYY-MM-DD): the stack's clock, so that "a year ago" is a year before the stack's today. */
  today: string;
  /** Waits for the stack's queue workers to catch up (training obligations, meeting schedules). */
  settle(): Promise<void>;
}
