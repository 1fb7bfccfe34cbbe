import fc from 'fast-check';
import { idCheckCharacter, parseIdNumber } from '../../shared/personal-data/identifiers.js';

/** The subset of JSON Schema that @hono/zod-openapi emits for this API. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface OperationObject {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

export interface Operation {
  method: string;
  /** As in the OpenAPI document, e.g. `/v1/divisions/{code}`. */
  path: string;
  /** As in Hono's route table, e.g. `/v1/divisions/:code`. */
  route: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; required: boolean; schema: JsonSchema }[];
  body?: { required: boolean; content: Record<string, JsonSchema> };
  secured: boolean;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What the generator did, for reports: `valid`, or the hostile mutation applied. */
  kind: string;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content;
      operations.push({
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{([^}]+)\}/g, ':$1'),
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema ?? {} })),
        ...(content
          ? { body: { required: op.requestBody?.required ?? false, content: Object.fromEntries(Object.entries(content).map(([type, c]) => [type, c.schema ?? {}])) } }
          : {}),
        secured: (op.security ?? []).length > 0,
      });
    }
  }
  return operations;
}

/**
 * Real values seen in fixture data and in earlier responses, by the property name they came under, so generated
 * requests reach existing rows (a path `code` that is a real division, an `id` that is a real plan).
 */
export class ValuePool {
  private readonly byKey = new Map<string, Set<string>>();

  add(key: string, value: string): void {
    if (value.length === 0 || value.length > 64) return;
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    if (set.size < 400) set.add(value);
  }

  /** Ids the responses of one resource returned (`committees`, `members`), so `/committees/{id}` gets committee ids. */
  harvestResponse(op: Operation, body: unknown): void {
    this.harvest(body);
    const resource = responseResource(op.path);
    const top = body as { id?: unknown; items?: { id?: unknown }[] } | null;
    for (const candidate of [top?.id, ...(Array.isArray(top?.items) ? top.items.map((i) => i?.id) : [])]) {
      if (typeof candidate === 'string') this.add(`${resource}:id`, candidate);
    }
  }

  resourceIds(resource: string, schema: JsonSchema): string[] {
    const test = schema.pattern ? new RegExp(schema.pattern, 'u') : schema.format === 'uuid' ? uuidPattern : /.*/;
    return [...(this.byKey.get(`${resource}:id`) ?? [])].filter((v) => test.test(v)).sort();
  }

  harvest(value: unknown, key = ''): void {
    if (typeof value === 'string') this.add(key, value);
    else if (Array.isArray(value)) for (const item of value) this.harvest(item, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) this.harvest(v, k);
  }

  /** Values that fit the schema: any value matching its pattern or format, else values seen under this name. */
  candidates(name: string, schema: JsonSchema): string[] {
    const fits = (v: string) =>
      (schema.minLength === undefined || v.length >= schema.minLength) && (schema.maxLength === undefined || v.length <= schema.maxLength);
    if (schema.pattern || schema.format === 'uuid') {
      const test = schema.pattern ? new RegExp(schema.pattern, 'u') : uuidPattern;
      const all = new Set<string>();
      for (const set of this.byKey.values()) for (const v of set) if (test.test(v) && fits(v)) all.add(v);
      return [...all].sort();
    }
    return [...(this.byKey.get(name) ?? [])].filter(fits).sort();
  }
}

/** The collection a response belongs to: the last literal segment (`/committees/{id}/members` → members). */
export function responseResource(path: string): string {
  const literal = path.split('/').filter((seg) => seg && !seg.startsWith('{'));
  const segments = path.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  return last.startsWith('{') ? (segments[segments.length - 2] ?? '') : (literal[literal.length - 1] ?? '');
}

/** The collection a path parameter points into: the segment before it (`/committees/{id}` → committees). */
function parameterResource(path: string, name: string): string {
  const segments = path.split('/').filter(Boolean);
  return segments[segments.indexOf(`{${name}}`) - 1] ?? '';
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const textUnits = [...'社区居委会沙面街道广州市荔湾区岭南和平西关委员调整方案abcXYZ019 -·（）'];

export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

/** Deeper than this, a valid value is the smallest one: recursive schemas (rule expressions) stay cheap to build. */
const MAX_DEPTH = 5;

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A schema-valid value; `name` is the property or parameter it fills (for pool look-ups and date-like names). */
export function validValue(doc: OpenApiDocument, schema: JsonSchema, pool: ValuePool, name = '', depth = 0): fc.Arbitrary<unknown> {
  const s = resolveSchema(doc, schema);
  if (s.oneOf ?? s.anyOf) return fc.oneof(...(s.oneOf ?? s.anyOf)!.map((branch) => validValue(doc, branch, pool, name, depth)));
  if (s.allOf) return validValue(doc, Object.assign({}, ...s.allOf.map((part) => resolveSchema(doc, part))) as JsonSchema, pool, name, depth);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : ['string'];
  const nonNull = types.filter((t) => t !== 'null');
  const inner = nonNull.length === 0 ? fc.constant(null) : fc.oneof(...nonNull.map((t) => typedValue(doc, s, t, pool, name, depth)));
  return types.includes('null') || s.nullable ? fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) }) : inner;
}

function typedValue(doc: OpenApiDocument, s: JsonSchema, type: string, pool: ValuePool, name: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'integer': {
      const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? -1_000_000);
      const max = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : (s.maximum ?? 1_000_000);
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number': {
      const min = s.minimum ?? -1e6;
      const max = s.maximum ?? 1e6;
      return fc.oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(min, max));
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? minLength + 3, minLength + 3);
      if (depth > MAX_DEPTH) return fc.constant([]);
      return fc.array(validValue(doc, s.items ?? {}, pool, name, depth + 1), { minLength, maxLength: depth >= 2 ? minLength + 1 : maxLength });
    }
    case 'object': {
      if (depth > MAX_DEPTH) return fc.constant({});
      const properties = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, validValue(doc, v, pool, k, depth + 1)]));
      const requiredKeys = Object.keys(properties).filter((k) => (s.required ?? []).includes(k) || personalKind(k));
      return fc.record(model, { requiredKeys }).map((value) => consistentWithIdNumber(doc, s, value));
    }
    default:
      return validString(s, pool, name);
  }
}

function validString(s: JsonSchema, pool: ValuePool, name: string): fc.Arbitrary<string> {
  if (personalKind(name) === 'phone') return phoneNumber;
  if (personalKind(name) === 'idNumber') return idNumber;
  const real = pool.candidates(name, s);
  const examples = typeof s.example === 'string' ? [s.example] : [];
  const seen = [...new Set([...real, ...examples])];
  let fresh: fc.Arbitrary<string>;
  if (s.pattern) fresh = fc.stringMatching(new RegExp(s.pattern, 'u'));
  else if (s.format === 'uuid') fresh = fc.uuid();
  else if (s.format === 'date-time') fresh = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  else if (s.format === 'date' || /(date|^asOf|On)$/i.test(name)) fresh = isoDate;
  else if (s.format === 'email' || /email/i.test(name)) fresh = fc.stringMatching(/^[a-z]{3,10}@example\.cn$/);
  else {
    const minLength = s.minLength ?? 0;
    const maxLength = Math.min(s.maxLength ?? 40, Math.max(minLength, 40));
    fresh = fc.string({ unit: fc.constantFrom(...textUnits), minLength, maxLength });
  }
  return seen.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...seen) }, { weight: 1, arbitrary: fresh }) : fresh;
}

export function personalKind(name: string): 'phone' | 'idNumber' | undefined {
  if (/phone|mobile|手机|电话/i.test(name)) return 'phone';
  if (/idNumber|idCard|identityNumber|citizenId|身份证/i.test(name)) return 'idNumber';
  return undefined;
}

export const phoneNumber = fc.stringMatching(/^1[3-9]\d{9}$/);

/** GB 11643 citizen ID numbers with a real birth date and the right check character. */
export const idNumber = fc
  .tuple(fc.constantFrom('440103', '440104', '440118', '440304'), fc.date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2008-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
  .map(([region, birth, sequence]) => {
    const first17 = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return `${first17}${idCheckCharacter(first17)}`;
  });

/** Birth year and sex fields beside an ID number must agree with it, as the services check. */
function consistentWithIdNumber(doc: OpenApiDocument, s: JsonSchema, value: Record<string, unknown>): Record<string, unknown> {
  const idKey = Object.keys(value).find((k) => personalKind(k) === 'idNumber');
  const parsed = idKey && typeof value[idKey] === 'string' ? parseIdNumber(value[idKey]) : undefined;
  if (!parsed?.ok) return value;
  const next = { ...value };
  for (const [key, schema] of Object.entries(s.properties ?? {})) {
    const resolved = resolveSchema(doc, schema);
    if (/birthYear/i.test(key)) next[key] = Number(parsed.value.birthDate.slice(0, 4));
    else if (/birth(Date|day)/i.test(key)) next[key] = parsed.value.birthDate;
    else if (/^(gender|sex)$/i.test(key)) {
      const options = (resolved.enum ?? []).filter((o): o is string => typeof o === 'string');
      next[key] = options.find((o) => o.toLowerCase().startsWith(parsed.value.sex[0]!)) ?? parsed.value.sex;
    }
  }
  return next;
}

/** Strings that have broken servers before: SQL and path metacharacters, Unicode edge cases, numbers as text. */
export const hostileStrings = [
  '', ' ', "'", '"', "' OR '1'='1", "'; DROP TABLE tenants; --", '1; select pg_sleep(0)', "\\'", '\\', '%', '_', '%_%', '*',
  '../../../etc/passwd', '..\\..\\windows', '%2e%2e%2f', '/', '//', '?', '#', '&', '=', ';', '\u0000', 'a\u0000b', '%00',
  '\uD800', '\uDC00', 'x\uDBFFy', '\uDFFF\uD800', '\u202E4401', '\u200F\u05D0\u05D1', '\u0627\u0644\u0639\u0631\u0628\u064A\u0629',
  '\u200B', '4401\u200B', '\u200D\u200C', '\uFEFF4401', '\u2028\u2029', '\uFFFF', '\uFFFD', 'e\u0301\u0301\u0301', '👨‍👩‍👧‍👦',
  '４４０１', '٤٤٠١', '𝟒𝟒𝟎𝟏', ' 4401', '4401 ', '4401\n', '\t', '\r\n', '440103001001\u0000', '{}', '[]', 'null', 'true',
  'NaN', 'Infinity', '-0', '1e309', '0x1F', '-1', '99999999999999999999999999', '${jndi:ldap://127.0.0.1/a}', '<script>alert(1)</script>',
  '{{7*7}}', '__proto__', 'constructor', 'toString', '$where', 'undefined',
];

const hugeString = fc.oneof(
  fc.constantFrom(10_000, 100_000, 300_000).chain((n) => fc.constantFrom('a', '社', '9', '\uD83D\uDE00', "'").map((c) => c.repeat(n))),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => '4'.repeat(n)),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\uD800', '\uDFFF', '\u0000', '\u202E', '\u200B', "'", '%', '/', '社'), maxLength: 20 }) },
  { weight: 1, arbitrary: hugeString },
);

const edgeNumbers = [0, -0, -1, 1, 0.5, -0.000001, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 1e308, -1e308, 5e-324, 1e21];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: fc.constantFrom(...edgeNumbers) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }, [[[[]]]], { __proto__: { admin: true } }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

/** JSON texts no JSON value serialises to: malformed, extreme numbers, absurd nesting. */
const hostileJsonTexts: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '{', '}', '{"a":', '{"a":1,}', "{'a':1}", '[', 'nul', '{"a":1}{"b":2}', '\uFEFF{}', '{"a":"\\ud800"}', '{"a":"\\u0000"}',
    '{"a":1e400}', '{"a":-1e400}', '{"a":123456789012345678901234567890}', '{"__proto__":{"x":1}}', '{"a":1,"a":2}', 'true', '"x"', '0', 'null'),
  fc.integer({ min: 1000, max: 100_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.string({ unit: 'binary', maxLength: 50 }),
  // megabytes of nesting, bare and under a field: what held the event loop for seconds (issue #18)
  fc.constantFrom(1, 4, 9).map((mb) => `${'['.repeat(mb * 2 ** 19)}${']'.repeat(mb * 2 ** 19)}`),
  fc.constantFrom(33, 1000, 2 ** 20).map((n) => `{"title":${'['.repeat(n)}"x"${']'.repeat(n)}}`),
);

/** RRULEs that are sub-daily, or that no day (or almost no day) matches: rrule walked them to the year 9999 (issue #18). */
export const sparseRecurrenceRules = [
  'FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=MINUTELY;BYMONTH=4;BYMONTHDAY=31', 'FREQ=SECONDLY', 'FREQ=HOURLY;INTERVAL=1000',
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=31;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=9',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', 'FREQ=DAILY;COUNT=3;BYMONTH=2;BYMONTHDAY=30', 'FREQ=DAILY;UNTIL=99991231T000000Z;BYMONTH=11;BYMONTHDAY=31',
  'FREQ=DAILY;BYHOUR=1,2,3', 'FREQ=YEARLY;BYWEEKNO=53;BYMONTH=1;BYDAY=MO', 'FREQ=MONTHLY;BYMONTHDAY=-31;BYMONTH=2',
];

const wrongContentTypes = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx', 'text/csv', 'application/octet-stream', ''];

/** Percent-encodes like encodeURIComponent, but writes a lone surrogate as its (invalid) WTF-8 bytes instead of throwing. */
export function encodeSegment(value: string): string {
  if (!/[\uD800-\uDFFF]/.test(value)) return encodeURIComponent(value);
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

interface Parts {
  pathParams: Record<string, string>;
  /** Raw (already encoded) path segments that replace a parameter, for unencoded metacharacters. */
  rawPath?: Record<string, string>;
  query: [string, string][];
  body?: { contentType: string; value?: unknown; text?: string };
  headers: Record<string, string>;
}

function buildRequest(op: Operation, parts: Parts, kind: string): FuzzRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => parts.rawPath?.[name] ?? encodeSegment(parts.pathParams[name] ?? ''));
  const search = parts.query.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&');
  const headers = { ...parts.headers };
  let body: string | undefined;
  if (parts.body) {
    if (parts.body.contentType) headers['content-type'] = parts.body.contentType;
    body = parts.body.text ?? JSON.stringify(parts.body.value);
  }
  return { method: op.method, path: search ? `${path}?${search}` : path, headers, ...(body !== undefined ? { body } : {}), kind };
}

function queryValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function validParts(doc: OpenApiDocument, op: Operation, pool: ValuePool): fc.Arbitrary<Parts> {
  const pathParams = fc.record(
    Object.fromEntries(
      op.pathParams.map((p) => {
        const generic = validValue(doc, p.schema, pool, p.name).map(queryValue);
        const ids = pool.resourceIds(parameterResource(op.path, p.name), resolveSchema(doc, p.schema));
        return [p.name, ids.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: generic }) : generic];
      }),
    ),
  );
  const query = fc
    .tuple(...op.queryParams.map((p) => (p.required ? validValue(doc, p.schema, pool, p.name).map((v) => [[p.name, queryValue(v)]]) : fc.option(validValue(doc, p.schema, pool, p.name).map((v) => [[p.name, queryValue(v)]]), { nil: [] }))))
    .map((pairs) => (pairs as [string, string][][]).flat());
  const bodyTypes = Object.keys(op.body?.content ?? {});
  const bodyOfType = (type: string): fc.Arbitrary<Parts['body']> => {
    const value = validValue(doc, op.body!.content[type]!, pool, 'body');
    if (type.includes('json')) return value.map((v) => ({ contentType: type, value: v }));
    return value.map((v) => ({ contentType: type, text: typeof v === 'string' ? v : JSON.stringify(v) }));
  };
  const body: fc.Arbitrary<Parts['body']> = bodyTypes.length === 0 ? fc.constant(undefined) : fc.oneof(...bodyTypes.map(bodyOfType));
  return fc.record({ pathParams, query, body, headers: fc.constant<Record<string, string>>({}) });
}

type Mutation = (parts: Parts) => fc.Arbitrary<[Parts, string]>;

function jsonPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((v, i) => { out.push([...prefix, i]); jsonPaths(v, [...prefix, i], out); });
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.push([...prefix, k]); jsonPaths(v, [...prefix, k], out); }
  return out;
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    if (rest.length === 0 && remove) copy.splice(Number(head), 1);
    else copy[Number(head)] = setAt(copy[Number(head)], rest, replacement, remove);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && remove) delete copy[String(head)];
  else copy[String(head)] = setAt(copy[String(head)], rest, replacement, remove);
  return copy;
}

function mutations(op: Operation): Mutation[] {
  const list: Mutation[] = [];
  if (op.pathParams.length > 0) {
    const names = op.pathParams.map((p) => p.name);
    list.push((parts) => fc.tuple(fc.constantFrom(...names), hostileString).map(([n, v]) => [{ ...parts, pathParams: { ...parts.pathParams, [n]: v } }, `path ${n}`]));
    list.push((parts) =>
      fc.tuple(fc.constantFrom(...names), fc.constantFrom('..', '.', '%2e%2e', '..%2F..%2F', '%', '%ZZ', '%C0%AE', '%00', '%E0%80%80', 'a/b', '%2F', '440103%3Bdrop', ';', '~'))
        .map(([n, raw]) => [{ ...parts, rawPath: { [n]: raw } }, `raw path ${n}`]),
    );
  }
  list.push((parts) => {
    const names = [...op.queryParams.map((p) => p.name), 'unknown', '__proto__', 'limit', 'cursor'];
    return fc.tuple(fc.constantFrom(...names), hostileString).map(([n, v]) => [{ ...parts, query: [...parts.query, [n, v]] }, `query ${n}`]);
  });
  if (op.queryParams.length > 0) {
    list.push((parts) => fc.constantFrom(...op.queryParams.map((p) => p.name)).map((n) => [{ ...parts, query: [...parts.query, [n, 'a'], [n, 'b']] }, `repeated query ${n}`]));
  }
  if (op.body) {
    const jsonTypes = Object.keys(op.body.content).filter((t) => t.includes('json'));
    const withJsonBody = (parts: Parts) => (parts.body && parts.body.value !== undefined ? parts.body.value : {});
    list.push((parts) => {
      const value = withJsonBody(parts);
      const paths = jsonPaths(value);
      if (paths.length === 0) return hostileValue.map((v) => [{ ...parts, body: { contentType: 'application/json', value: { [String(v).slice(0, 20)]: v } } }, 'body extra field']);
      return fc.tuple(fc.constantFrom(...paths), hostileValue).map(([p, v]) => [{ ...parts, body: { contentType: jsonTypes[0] ?? 'application/json', value: setAt(value, p, v) } }, `body ${p.join('.')} wrong value`]);
    });
    if (op.path.startsWith('/v1/conferences/series')) {
      list.push((parts) => fc.constantFrom(...sparseRecurrenceRules).map((rule) => [{ ...parts, body: { contentType: 'application/json', value: setAt(withJsonBody(parts), ['rrule'], rule) } }, `sparse rrule ${rule}`]));
    }
    list.push((parts) => {
      const paths = jsonPaths(withJsonBody(parts));
      if (paths.length === 0) return fc.constant([{ ...parts, body: undefined }, 'body missing'] as [Parts, string]);
      return fc.constantFrom(...paths).map((p) => [{ ...parts, body: { contentType: 'application/json', value: setAt(withJsonBody(parts), p, undefined, true) } }, `body ${p.join('.')} missing`]);
    });
    list.push((parts) =>
      fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'tenantId', 'tenant_id', 'id', '', '\u0000', "'--"), hostileValue)
        .map(([k, v]) => {
          const value = withJsonBody(parts);
          const next = value && typeof value === 'object' && !Array.isArray(value) ? JSON.parse(JSON.stringify(value)) : {};
          Object.defineProperty(next, k, { value: v, enumerable: true, writable: true, configurable: true });
          return [{ ...parts, body: { contentType: 'application/json', value: next } }, `body extra ${k || '(empty)'}`];
        }),
    );
    list.push((parts) => hostileValue.map((v) => [{ ...parts, body: { contentType: 'application/json', value: v } }, 'body replaced']));
    list.push((parts) => hostileJsonTexts.map((text) => [{ ...parts, body: { contentType: 'application/json', text } }, 'malformed json']));
    list.push((parts) =>
      fc.constantFrom(...wrongContentTypes).map((type) => [{ ...parts, body: { contentType: type, text: parts.body?.text ?? JSON.stringify(withJsonBody(parts)) } }, `content-type ${type || '(none)'}`]),
    );
    if (Object.keys(op.body.content).some((t) => !t.includes('json'))) {
      const textType = Object.keys(op.body.content).find((t) => !t.includes('json'))!;
      list.push((parts) =>
        fc.oneof(hostileString, fc.array(fc.oneof(hostileString, fc.constantFrom('code,name', '统计用区划代码,名称', '440103001001,x'))).map((lines) => lines.join('\n')))
          .map((text) => [{ ...parts, body: { contentType: textType, text } }, `hostile ${textType}`]),
      );
    }
  } else {
    list.push((parts) => hostileJsonTexts.map((text) => [{ ...parts, body: { contentType: 'application/json', text } }, 'unexpected body']));
  }
  list.push((parts) =>
    fc.constantFrom<[string, string]>(['x-request-id', "'; drop table audit_log;--"], ['x-request-id', 'a'.repeat(5000)], ['accept', 'application/xml'], ['content-length', '0'])
      .map(([k, v]) => [{ ...parts, headers: { ...parts.headers, [k]: v } }, `header ${k}`]),
  );
  return list;
}

/** Schema-valid requests only: every parameter and body field drawn from its schema, real values preferred. */
export function validRequestArbitrary(doc: OpenApiDocument, op: Operation, pool: ValuePool): fc.Arbitrary<FuzzRequest> {
  return validParts(doc, op, pool).map((parts) => buildRequest(op, parts, 'valid'));
}

/** Schema-valid requests for one operation (from its JSON schemas and the pool), as many as hostile variants of them. */
export function requestArbitrary(doc: OpenApiDocument, op: Operation, pool: ValuePool): fc.Arbitrary<FuzzRequest> {
  const valid = validParts(doc, op, pool);
  const hostile = fc.oneof(...mutations(op).map((mutate) => valid.chain(mutate)));
  return fc.oneof(
    valid.map((parts) => buildRequest(op, parts, 'valid')),
    hostile.map(([parts, kind]) => buildRequest(op, parts, kind)),
  );
}

/** Every string schema under a name that looks like personal data, with the path to it. */
export function personalFields(doc: OpenApiDocument, schema: JsonSchema, path: string[] = [], depth = 0): { path: string[]; kind: 'phone' | 'idNumber' }[] {
  const s = resolveSchema(doc, schema);
  if (depth > 8) return [];
  const out: { path: string[]; kind: 'phone' | 'idNumber' }[] = [];
  for (const branch of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])]) out.push(...personalFields(doc, branch, path, depth + 1));
  if (s.items) out.push(...personalFields(doc, s.items, [...path, '[]'], depth + 1));
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const kind = personalKind(k);
    if (kind) out.push({ path: [...path, k], kind });
    else out.push(...personalFields(doc, v, [...path, k], depth + 1));
  }
  return out;
}
