import en from "./en";
import zh from "./zh";

// Chinese first: simplified Chinese unless the visitor chose English (?lang=en, remembered in a cookie)
// or, having chosen nothing, their browser prefers English to Chinese (Accept-Language).
export const SUPPORTED_LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh";
export const LANGUAGE_PARAM = "lang";

export const resources = { zh: { common: zh }, en: { common: en } } as const;

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "common",
  ns: ["common"],
  interpolation: { escapeValue: false },
};

export function asLanguage(value: string | undefined | null): Language {
  return value === "en" ? "en" : "zh";
}

/**
 * The language an Accept-Language header asks for: the first of zh (any
 * region or script: zh-CN, zh-TW, zh-HK, zh-Hant ...) or en (en-US, en-GB ...)
 * in the visitor's order of preference (q), or null when it names neither
 * (the caller falls back to Chinese). `q=0` means "not this one".
 */
export function languageFromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { primary: tag.trim().toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((l) => l.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { primary } of ranked) {
    if (primary === "zh") return "zh";
    if (primary === "en") return "en";
  }
  return null;
}

/**
 * A message that may be an i18n key with values, as zod messages and
 * AppError details carry them (`query.between|{"min":-90,"max":90}`), in one
 * language, without an i18next instance (JSON answers, logs). Any other text,
 * or a key this language lacks, comes back as it is.
 */
export function messageText(message: string, lng: Language): string {
  const [key = "", values] = message.split(/\|(.*)/s);
  if (!key.includes(".")) return message;
  let node: unknown = resources[lng].common;
  for (const part of key.split(".")) node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== "string") return message;
  let params: Record<string, unknown> = {};
  try {
    params = values ? (JSON.parse(values) as Record<string, unknown>) : {};
  } catch {
    return message;
  }
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ""));
}

/**
 * The language a visitor without a chosen one (no `?lang=`, no cookie) is
 * served: what their Accept-Language asks for, else Chinese. Anything keyed by
 * language (the shared cache) uses this, never the raw header: `en-US,en;q=0.9`
 * and `en` are one page, and no header value makes a third.
 */
export function languageOfHeader(header: string | null | undefined): Language {
  return languageFromAcceptLanguage(header) ?? DEFAULT_LANGUAGE;
}

/**
 * Where the header's language link leads: this page in the other language.
 * On an error page (a refused query, an unknown room) the query is dropped,
 * since it may be what was refused: switching language must not show the same
 * error again. Elsewhere the query (filters, position) is kept.
 */
export function languageSwitchHref(pathname: string, search: string, to: Language, onErrorPage: boolean): string {
  const params = new URLSearchParams(onErrorPage ? "" : search);
  params.set(LANGUAGE_PARAM, to);
  return `${pathname}?${params}`;
}
