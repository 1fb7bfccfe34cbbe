import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, type ErrorCode } from '../../../shared/errors.js';
import type { ApiEnv } from '../env.js';
import { errorStatus, errorTitles } from '../problems.js';

const codeForHttpStatus: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** The single place where an error becomes an HTTP status: application/problem+json (RFC 9457). */
export function problemResponse(c: Context<ApiEnv>, error: unknown): Response {
  let appError: AppError;
  const sqlState = databaseErrorCode(error);
  if (error instanceof AppError) appError = error;
  else if (error instanceof HTTPException && codeForHttpStatus[error.status]) {
    appError = new AppError(codeForHttpStatus[error.status]!, error.message || errorTitles[codeForHttpStatus[error.status]!]);
  } else if (sqlState?.startsWith('22')) {
    (c.get('logger') ?? console).warn('the database refused a value', { sqlState, error });
    appError = new AppError('validation_failed', `a value cannot be stored (SQLSTATE ${sqlState}), e.g. text containing U+0000 or a number out of range`);
  } else if (sqlState === '23505' || sqlState === '23514') {
    // the database's constraints are the last line: the caller still gets a clear answer, the log shows the gap in validation
    const constraint = databaseConstraint(error);
    (c.get('logger') ?? console).warn('a database constraint refused the write', { sqlState, constraint, error });
    appError = sqlState === '23505'
      ? new AppError('conflict', `a record with the same key already exists${constraint ? ` (${constraint})` : ''}`)
      : new AppError('rule_violation', `the values break a rule of the record${constraint ? ` (${constraint})` : ''}`, { rule: constraint });
  } else {
    (c.get('logger') ?? console).error('unhandled error', { error });
    appError = new AppError('internal', 'an unexpected error occurred; the request id identifies it in the logs');
  }
  const status = errorStatus[appError.code];
  const requestId = c.get('requestId') ?? '';
  const body = {
    type: `urn:shequ:problem:${appError.code}`,
    title: errorTitles[appError.code],
    status,
    code: appError.code,
    detail: appError.message,
    requestId,
    ...appError.details,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'x-request-id': requestId },
  });
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
