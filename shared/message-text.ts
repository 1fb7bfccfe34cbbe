/** Formatting of the per-module message catalogues (`shared/<module>/messages.ts`: code → { zh, en } with `{param}` placeholders). */
export type Catalogue = Record<string, { zh: string; en: string }>;
export type MessageParams = Record<string, string | number>;

/** Fills `{param}` placeholders; an unknown placeholder stays as written, so a missing parameter is visible. */
export function messageText(catalogue: Catalogue, code: string, params: MessageParams, lang: 'zh' | 'en'): string {
  const entry = catalogue[code];
  if (!entry) throw new Error(`no message ${code}`);
  return entry[lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A rule stated beside a figure: its code and parameters, and the text in both languages. */
export interface StatedRule {
  code: string;
  params: Record<string, string>;
  zh: string;
  en: string;
}

export function statedRule(catalogue: Catalogue, code: string, params: Record<string, string>): StatedRule {
  return { code, params, zh: messageText(catalogue, code, params, 'zh'), en: messageText(catalogue, code, params, 'en') };
}
