import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";

import { GeneralErrorBoundary } from "./components/error-boundary";
import { InboxLink } from "./components/notifications/inbox-link";
import { asLanguage, LANGUAGE_PARAM } from "./i18n/config";
import { i18next, languageCookie } from "./i18n/i18next.server";
import appCss from "./styles/app.css?url";
import { unreadCount } from "./services/notifications.server";
import { getUser, type SessionUser } from "./utils/auth.server";
import { getDb } from "./utils/db.server";
import { getPublicEnv } from "./utils/env.server";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: appCss },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = asLanguage(await i18next.getLocale(request));
  const chosen = new URL(request.url).searchParams.get(LANGUAGE_PARAM);
  const headers = chosen ? { "Set-Cookie": await languageCookie.serialize(lang) } : undefined;
  const user = await getUser(request);
  return Response.json({ lang, env: getPublicEnv(), user: user && { name: user.name, role: user.role, unread: unreadCount(getDb(), user.id) } }, { headers });
}

export type RootData = { lang: "zh" | "en"; env: ReturnType<typeof getPublicEnv>; user: (Pick<SessionUser, "name" | "role"> & { unread: number }) | null };

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

/** Links each role works from; the pages themselves check the role again. */
const STAFF_LINKS: Record<SessionUser["role"], { to: string; label: string }[]> = {
  manager: [
    { to: "/manage", label: "nav.manage" },
    { to: "/manage/rooms/new", label: "nav.register" },
    { to: "/manage/follow-up", label: "inspect.followUpNav" },
  ],
  inspector: [
    { to: "/inspect", label: "inspect.nav" },
    { to: "/inspect/review", label: "inspect.review.title" },
    { to: "/admin/dashboard", label: "coverage.nav.dashboard" },
  ],
  admin: [
    { to: "/admin/dashboard", label: "coverage.nav.dashboard" },
    { to: "/admin/users", label: "nav.users" },
    { to: "/inspect", label: "inspect.nav" },
    { to: "/admin/import", label: "dataExchange.importNav" },
  ],
};

function Header() {
  const { t } = useTranslation();
  const user = useRootData()?.user;
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        {t("appName")}
      </Link>
      <nav aria-label={t("nav.label")} className="site-nav">
        <NavLink to="/open-data">{t("nav.openData")}</NavLink>
        <NavLink to="/coverage">{t("coverage.nav.coverage")}</NavLink>
        {user ? (
          <>
            {STAFF_LINKS[user.role].map((l) => (
              <NavLink key={l.to} to={l.to}>
                {t(l.label)}
              </NavLink>
            ))}
            <InboxLink unread={user.unread} />
            <NavLink to="/account">{user.name}</NavLink>
            <Form method="post" action="/logout">
              <button type="submit" className="link-button">
                {t("auth.logout")}
              </button>
            </Form>
          </>
        ) : (
          <NavLink to="/login">{t("auth.login")}</NavLink>
        )}
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
