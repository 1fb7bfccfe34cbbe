export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Structured JSON lines, one per event: what CloudWatch Logs Insights and Powertools' format expect. */
export function createLogger(options: { level?: LogLevel; service?: string; fields?: LogFields; write?: (line: string) => void } = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => console.log(line));
  const base = { service: options.service ?? 'shequ', ...options.fields };
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (order[at] < order[level]) return;
    write(JSON.stringify({ level: at.toUpperCase(), message, timestamp: new Date().toISOString(), ...base, ...fields }, errorReplacer));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...options, fields: { ...options.fields, ...fields } }),
  };
}

function errorReplacer(_key: string, value: unknown) {
  if (!(value instanceof Error)) return value;
  const code = (value as { code?: unknown }).code;
  return {
    name: value.name,
    message: withoutQueryParams(value.message),
    ...(typeof code === 'string' ? { code } : {}),
    stack: value.stack && withoutQueryParams(value.stack),
    ...(value.cause !== undefined ? { cause: value.cause } : {}),
  };
}

/** Drizzle appends a failed query's parameters to its message: personal data and secrets must not reach the logs. */
function withoutQueryParams(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n    at |$)/, '\nparams: [redacted]');
}
