/**
 * Messages a person reads, in the two languages the API speaks: Simplified Chinese (the default) and English (only
 * for `Accept-Language: en`). A message is a stable `code` with `params`; its text comes from the catalogue of the
 * module that owns it (`shared/<module>/messages.ts`, cross-cutting ones in `shared/messages.ts`) and is rendered at
 * the boundary (the problem+json writer) in the caller's language. Code never holds a message's text elsewhere.
 */
export const languages = ['zh', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh';

/** A catalogue entry: one template per language, `{name}` marks a parameter. */
export interface MessageTexts {
  readonly zh: string;
  readonly en: string;
}

/** A parameter: a value shown as is (nothing when absent), or a message (e.g. a label) rendered in the same language. */
export type ParamValue = string | number | bigint | Message | null | undefined;
export type Params = Readonly<Record<string, ParamValue>>;

export interface Message {
  readonly code: string;
  readonly params: Params;
  readonly text: (language: Language) => string;
}

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type Maker<T extends MessageTexts> = [Placeholders<T['zh'] | T['en']>] extends [never]
  ? () => Message
  : (params: { readonly [K in Placeholders<T['zh'] | T['en']>]: ParamValue }) => Message;
export type Catalogue<T extends Record<string, MessageTexts>> = { readonly [K in keyof T & string]: Maker<T[K]> };

const registry = new Map<string, MessageTexts>();

/** Every catalogue entry defined so far (the modules' catalogues register themselves when loaded). */
export function registeredMessages(): ReadonlyMap<string, MessageTexts> {
  return registry;
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

function interpolate(template: string, params: Params, language: Language): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return name in params ? renderParam(value, language) : whole;
  });
}

function renderParam(value: ParamValue, language: Language): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? value.text(language) : String(value);
}

export function messageOf(code: string, texts: MessageTexts, params: Params = {}): Message {
  return { code, params, text: (language) => interpolate(texts[language], params, language) };
}

/**
 * A module's catalogue: `defineMessages({ ballots_do_not_add_up: { zh: '…{cast}…', en: '…{cast}…' } })` gives
 * `m.ballots_do_not_add_up({ cast })`, typed by the placeholders. Codes are unique across all catalogues.
 */
export function defineMessages<const T extends Record<string, MessageTexts>>(entries: T): Catalogue<T> {
  const catalogue: Record<string, (params?: Params) => Message> = {};
  for (const [code, texts] of Object.entries(entries)) {
    if (registry.has(code) && registry.get(code) !== texts) throw new Error(`message code ${code} is defined twice`);
    registry.set(code, texts);
    catalogue[code] = (params: Params = {}) => messageOf(code, texts, params);
  }
  return catalogue as Catalogue<T>;
}

/**
 * A catalogue's message by a code chosen at run time (a table of codes, a ternary): `messageIn(reportingMessages, code,
 * params)`. The parameters are not checked against the code's placeholders; a missing one stays visible as `{name}`.
 */
export function messageIn<C extends object>(catalogue: C, code: keyof C & string, params: Params = {}): Message {
  const make = (catalogue as Record<string, ((params: Params) => Message) | undefined>)[code];
  if (!make) throw new Error(`no message ${code}`);
  return make(params);
}

/** A registered message by its code (e.g. the code a zod refinement carries as its message). */
export function messageByCode(code: string, params: Params = {}): Message | undefined {
  const texts = registry.get(code);
  return texts ? messageOf(code, texts, params) : undefined;
}

/** Parameters as a client receives them: nested messages rendered, big integers as decimal strings. */
export function renderedParams(params: Params, language: Language): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'number' ? v : renderParam(v, language)]),
  );
}

/** Field problems as a response carries them (outside a problem+json): path, code, params and the text. */
export function renderedProblems(problems: readonly { path: string; message: Message }[], language: Language = defaultLanguage) {
  return problems.map((p) => ({ path: p.path, code: p.message.code, params: renderedParams(p.message.params, language), message: p.message.text(language) }));
}

/** An enum value as a parameter: its Chinese label in Chinese, the value itself in English. */
export function labelled(zh: string, en: string): Message {
  return { code: en, params: {}, text: (language) => (language === 'zh' ? zh : en) };
}

/**
 * An enum value as a parameter by its module's label map (`labelOf(roleLabels, p.role)`): its label in Chinese, never
 * the raw value; in English the value as words (`vice_chair` → vice chair).
 */
export function labelOf<V extends string>(labels: Readonly<Record<V, string>>, value: V): Message {
  return labelled(labels[value] ?? value, value.replaceAll('_', ' '));
}

/**
 * A rule stated beside a figure (how it is counted: denominator, cut-off day), frozen with the figure: its code and
 * parameters, and its text in both languages, so a stored report reads the same after the catalogue changes.
 */
export interface StatedRule {
  code: string;
  params: Record<string, string>;
  zh: string;
  en: string;
}

/** A catalogue message as a stated rule: `statedRule(reportingMessages['report.basis.register']({ asOf }))`. */
export function statedRule(message: Message): StatedRule {
  const params = Object.fromEntries(Object.entries(renderedParams(message.params, 'zh')).map(([k, v]) => [k, String(v)]));
  return { code: message.code, params, zh: message.text('zh'), en: message.text('en') };
}
