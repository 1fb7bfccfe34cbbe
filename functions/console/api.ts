import type { ConsoleOptions } from './options.js';

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: { path: string; code?: string; message: string }[];
  rows?: { row: number; field: string; reason: string; code?: string; messageCode?: string }[];
  problems?: unknown[];
  [key: string]: unknown;
}

/** The origin of the console's in-process API requests; a link the API builds on it is on the console's own origin. */
export const INTERNAL_ORIGIN = 'http://console.internal';

export type ApiResult<T> = { ok: true; status: number; data: T; response: Response } | { ok: false; status: number; problem: Problem; response: Response };

/**
 * The console's only door to data: the API of the same process, called with the session's token, so every page gets
 * exactly the API's validation, authority checks and tenant isolation.
 */
export class ConsoleApi {
  constructor(
    private readonly options: Pick<ConsoleOptions, 'callApi'>,
    private readonly token: string,
    private readonly requestId: string,
    /** The user's Accept-Language, forwarded so the API answers in their language (Chinese by default). */
    private readonly acceptLanguage = 'zh-CN',
  ) {}

  async raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        'x-request-id': this.requestId,
        'accept-language': this.acceptLanguage,
        ...(body !== undefined && typeof body !== 'string' && !(body instanceof Blob) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
    };
    if (body !== undefined) init.body = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
    return this.options.callApi(new Request(`${INTERNAL_ORIGIN}${path}`, init));
  }

  async call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResult<T>> {
    const response = await this.raw(method, path, body, headers);
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      const problem = type.includes('json')
        ? ((await response.json()) as Problem)
        : { status: response.status, code: 'internal', detail: await response.text() };
      return { ok: false, status: response.status, problem, response };
    }
    const data = (response.status === 204 ? undefined : type.includes('json') ? await response.json() : await response.text()) as T;
    return { ok: true, status: response.status, data, response };
  }

  get<T>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}) {
    return this.call<T>('POST', path, body);
  }
  patch<T>(path: string, body: unknown) {
    return this.call<T>('PATCH', path, body);
  }
  put<T>(path: string, body: unknown) {
    return this.call<T>('PUT', path, body);
  }
  delete<T>(path: string) {
    return this.call<T>('DELETE', path);
  }

  /** A GET whose failure is shown as the page's error rather than a form error. */
  async must<T>(path: string): Promise<T> {
    const result = await this.get<T>(path);
    if (!result.ok) throw new ConsolePageError(result.problem);
    return result.data;
  }
}

export class ConsolePageError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
  }
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
