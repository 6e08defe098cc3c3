import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";

import { GeneralErrorBoundary } from "./components/error-boundary";
import { asLanguage, LANGUAGE_PARAM } from "./i18n/config";
import { i18next, languageCookie } from "./i18n/i18next.server";
import appCss from "./styles/app.css?url";
import { getPublicEnv } from "./utils/env.server";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: appCss },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = asLanguage(await i18next.getLocale(request));
  const chosen = new URL(request.url).searchParams.get(LANGUAGE_PARAM);
  const headers = chosen ? { "Set-Cookie": await languageCookie.serialize(lang) } : undefined;
  return Response.json({ lang, env: getPublicEnv() }, { headers });
}

export type RootData = { lang: "zh" | "en"; env: ReturnType<typeof getPublicEnv> };

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const lang = data?.lang ?? "zh";
  return (
    <html lang={lang === "zh" ? "zh-CN" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set(LANGUAGE_PARAM, i18n.language === "en" ? "zh" : "en");
  return (
    <Link to={`${location.pathname}?${params}`} className="lang-switch" hrefLang={i18n.language === "en" ? "zh-CN" : "en"} reloadDocument>
      {t("language.switchTo")}
    </Link>
  );
}

function Header() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        {t("appName")}
      </Link>
      <nav aria-label={t("language.label")}>
        <LanguageSwitch />
      </nav>
    </header>
  );
}

export default function App() {
  const data = useRootData();
  useChangeLanguage(asLanguage(data?.lang));
  return (
    <>
      <Header />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return (
    <>
      <Header />
      <main className="page">
        <GeneralErrorBoundary />
      </main>
    </>
  );
}
