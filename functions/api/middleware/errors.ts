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
  if (error instanceof AppError) appError = error;
  else if (error instanceof HTTPException && codeForHttpStatus[error.status]) {
    appError = new AppError(codeForHttpStatus[error.status]!, error.message || errorTitles[codeForHttpStatus[error.status]!]);
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
