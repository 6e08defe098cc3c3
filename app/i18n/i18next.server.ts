import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";

import { DEFAULT_LANGUAGE, i18nConfig, LANGUAGE_PARAM, resources, SUPPORTED_LANGUAGES } from "./config";

export const languageCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

// No Accept-Language detection on purpose: the registry is Chinese first.
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    searchParamKey: LANGUAGE_PARAM,
    order: ["searchParams", "cookie"],
  },
  i18next: { ...i18nConfig, resources },
});
