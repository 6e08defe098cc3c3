import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";

import { DEFAULT_LANGUAGE, i18nConfig, LANGUAGE_PARAM, languageOfHeader, resources, SUPPORTED_LANGUAGES } from "./config";

export const languageCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

// ?lang= first, then the remembered choice (cookie), then the browser's Accept-Language
// (only English or Chinese count: anything else is Chinese, the registry's language).
// Pages therefore say Vary: Accept-Language (app/entry.server.tsx).
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    searchParamKey: LANGUAGE_PARAM,
    order: ["searchParams", "cookie", "custom"],
    findLocale: async (request) => languageOfHeader(request.headers.get("accept-language")), // the shared cache keys by the same function
  },
  i18next: { ...i18nConfig, resources },
});
