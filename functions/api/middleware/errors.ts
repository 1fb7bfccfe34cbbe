import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, type ErrorCode } from '../../../shared/errors.js';
import type { ApiEnv } from '../env.js';
import { renderedParams, type Language } from '../../../shared/i18n.js';
import { common as m, titles } from '../../../shared/messages.js';
import { errorStatus } from '../problems.js';

const codeForHttpStatus: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** The single place where an error becomes an HTTP status: application/problem+json (RFC 9457), in the caller's language. */
export function problemResponse(c: Context<ApiEnv>, error: unknown): Response {
  let appError: AppError;
  const sqlState = databaseErrorCode(error);
  if (error instanceof AppError) appError = error;
  else if (error instanceof HTTPException && codeForHttpStatus[error.status]) {
    appError = new AppError(codeForHttpStatus[error.status]!, m.http_refused({ status: error.status }));
  } else if (sqlState?.startsWith('22')) {
    (c.get('logger') ?? console).warn('the database refused a value', { sqlState, error });
    appError = new AppError('validation_failed', m.value_cannot_be_stored({ sqlState }));
  } else if (sqlState === '23505' || sqlState === '23514') {
    // the database's constraints are the last line: the caller still gets a clear answer, the log shows the gap in validation
    const constraint = databaseConstraint(error);
    (c.get('logger') ?? console).warn('a database constraint refused the write', { sqlState, constraint, error });
    const named = constraint ? m.constraint_name({ constraint }) : '';
    appError = sqlState === '23505'
      ? new AppError('conflict', m.duplicate_record({ constraint: named }))
      : new AppError('rule_violation', m.record_rule_broken({ constraint: named }), { rule: constraint });
  } else {
    (c.get('logger') ?? console).error('unhandled error', { error });
    appError = new AppError('internal', m.unexpected_error());
  }
  const status = errorStatus[appError.code];
  const requestId = c.get('requestId') ?? '';
  const language = problemLanguage(c);
  const { errors, rows, ...rest } = appError.details;
  const body = {
    type: `urn:shequ:problem:${appError.code}`,
    title: titles[appError.code]().text(language),
    status,
    code: appError.code,
    messageCode: appError.reason.code,
    params: renderedParams(appError.reason.params, language),
    detail: appError.reason.text(language),
    requestId,
    ...rest,
    ...(errors ? { errors: errors.map((e) => ({ path: e.path, code: e.message.code, params: renderedParams(e.message.params, language), message: e.message.text(language) })) } : {}),
    ...(rows
      ? { rows: rows.map((r) => ({ row: r.row, ...(r.code === undefined ? {} : { code: r.code }), field: r.field, messageCode: r.reason.code, params: renderedParams(r.reason.params, language), reason: r.reason.text(language) })) }
      : {}),
  };
  const retryAfter: Record<string, string> = typeof rest['retryAfterSeconds'] === 'number' ? { 'retry-after': String(rest['retryAfterSeconds']) } : {};
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'x-request-id': requestId, 'content-language': language === 'en' ? 'en' : 'zh-CN', ...retryAfter },
  });
}

/** The language the API answers in: Chinese unless the request prefers English (`Accept-Language: en`). */
export function problemLanguage(c: Context<ApiEnv>): Language {
  return c.get('language') === 'en' ? 'en' : 'zh';
}

/** The SQLSTATE of a driver error, which Drizzle wraps as `cause` (pg, Neon and PGlite all expose `code`). */
function databaseErrorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function databaseConstraint(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const constraint = (e as { constraint?: unknown }).constraint;
    if (typeof constraint === 'string') return constraint;
  }
  return undefined;
}
