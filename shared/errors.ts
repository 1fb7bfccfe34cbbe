import type { Message } from './i18n.js';

export const errorCodes = [
  'validation_failed',
  'import_rejected',
  'unauthenticated',
  'forbidden',
  'tenant_inactive',
  'tenant_scope_required',
  'province_scope_required',
  'not_found',
  'tenant_exists',
  'tenant_active',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rule_violation',
  'reply_link_expired',
  'insufficient_balance',
  'ledger_correction_out_of_bounds',
  'ledger_entry_already_corrected',
  'unit_unknown',
  'inspection_submitted',
  'election_certified',
  'training_session_full',
  'training_not_enrolled',
  'too_many_requests',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A problem with one field: `message` is a catalogue message (its code and params reach the client with the text). */
export interface FieldProblem {
  path: string;
  message: Message;
}

/** A problem with one row of an import: `code` is the row's division code, `reason` a catalogue message. */
export interface RowProblem {
  row: number;
  code?: string | undefined;
  field: string;
  reason: Message;
}

/**
 * A refusal: `code` is the category (the problem's `code`, its HTTP status and title), `reason` the specific message
 * (the problem's `messageCode`, `params` and `detail`), rendered in the caller's language at the boundary. The Error's
 * own message is the English text, for logs.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: Message,
    readonly details: { errors?: FieldProblem[]; rows?: RowProblem[]; [key: string]: unknown } = {},
  ) {
    super(reason.text('en'));
    this.name = 'AppError';
  }
}

export const notFound = (what: Message) => new AppError('not_found', what);
export const forbidden = (why: Message) => new AppError('forbidden', why);
