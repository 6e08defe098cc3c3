import en from "./en";
import zh from "./zh";

// Chinese first: simplified Chinese unless the visitor chose English (?lang=en, remembered in a cookie).
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
