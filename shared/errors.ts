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
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldProblem {
  path: string;
  message: string;
}

export interface RowProblem {
  row: number;
  code?: string | undefined;
  field: string;
  reason: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldProblem[]; rows?: RowProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why: string) => new AppError('forbidden', why);
