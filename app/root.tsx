import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, UNSAFE_RemixContext, useLocation, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useContext, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";

import { GeneralErrorBoundary } from "./components/error-boundary";
import { flushQueuedReports } from "./components/offline-queue";
import { InboxLink } from "./components/notifications/inbox-link";
import { asLanguage, LANGUAGE_PARAM, languageSwitchHref } from "./i18n/config";
import { i18next, languageCookie } from "./i18n/i18next.server";
import appCss from "./styles/app.css?url";
import { rememberLanguage } from "./services/accounts.server";
import { unreadCount } from "./services/notifications.server";
import { getUser, type SessionUser } from "./utils/auth.server";
import { getDb } from "./utils/db.server";
import { getPublicEnv } from "./utils/env.server";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: appCss },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/icon-192.png" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = asLanguage(await i18next.getLocale(request));
  const chosen = new URL(request.url).searchParams.get(LANGUAGE_PARAM);
  const headers = chosen ? { "Set-Cookie": await languageCookie.serialize(lang) } : undefined;
  const user = await getUser(request);
  // A signed-in person who switches language gets their e-mails in it from now on.
  if (user && chosen) rememberLanguage(getDb(), user.id, lang);
  // renderedAt: when this page was made; a copy the service worker shows offline says how old it is.
  // To the minute (the page shows HH:MM): two processes then render the same page byte for byte, with one ETag.
  return Response.json(
    { lang, env: getPublicEnv(), user: user && { name: user.name, role: user.role, unread: unreadCount(getDb(), user.id) }, renderedAt: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString() },
    { headers },
  );
}

export type RootData = {
  lang: "zh" | "en";
  env: ReturnType<typeof getPublicEnv>;
  user: (Pick<SessionUser, "name" | "role"> & { unread: number }) | null;
  renderedAt: string;
};

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const lang = data?.lang ?? "zh";
  return (
    // The inline script marks pages that run JavaScript (class "js") before the first paint, so
    // no-JS pages can hide what only scripts fill (the map); React leaves the class alone.
    <html lang={lang === "zh" ? "zh-CN" : "en"} suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#c2185b" />
        <script dangerouslySetInnerHTML={{ __html: "document.documentElement.classList.add('js')" }} />
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

/**
 * Whether a route of this page failed and its error boundary shows instead:
 * a route with a loader has no data. (The header sits above the failed route's
 * boundary, so useRouteError cannot see it.)
 */
function usePageFailed(): boolean {
  const manifest = useContext(UNSAFE_RemixContext)?.manifest;
  const matches = useMatches();
  return matches.some((m) => manifest?.routes[m.id]?.hasLoader === true && m.data === undefined);
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const href = languageSwitchHref(location.pathname, location.search, i18n.language === "en" ? "zh" : "en", usePageFailed());
  return (
    <Link to={href} className="lang-switch" hrefLang={i18n.language === "en" ? "zh-CN" : "en"} reloadDocument>
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

/** Shanghai wall-clock "HH:MM" of an instant. */
function shanghaiClock(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(iso));
}

/** Public pages kept for offline use (the service worker's page cache takes the same paths). */
const OFFLINE_PAGES = /^\/($|rooms\/\d+$)/;

/**
 * A page reached by a client-side navigation came as data, not HTML: ask the
 * service worker to fetch and keep its HTML too, so it opens offline after a reload.
 */
function useKeepVisitedPages() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false; // a full page load went through the service worker already
      return;
    }
    const worker = typeof navigator !== "undefined" ? navigator.serviceWorker?.controller : null;
    if (!worker || !navigator.onLine || !OFFLINE_PAGES.test(location.pathname)) return;
    const href = `${location.pathname}${location.search}`;
    worker.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: [[href, { headers: { Accept: "text/html" } }]] } });
  }, [location.pathname, location.search]);
}

/**
 * Offline: the page on screen is a copy the service worker kept, so say when it
 * was saved. Also registers the service worker and sends reports queued offline.
 */
function OfflineNotice() {
  const { t } = useTranslation();
  const renderedAt = useRootData()?.renderedAt;
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    const update = () => {
      setOffline(!navigator.onLine);
      if (navigator.onLine) void flushQueuedReports();
    };
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    if ("serviceWorker" in navigator && import.meta.env.PROD) {
      navigator.serviceWorker.register("/sw.js").catch((error: unknown) => console.warn("service worker", error));
    }
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  useKeepVisitedPages();
  if (!offline) return null;
  return (
    <p className="offline-notice" role="status">
      {renderedAt ? t("offline.savedAt", { time: shanghaiClock(renderedAt) }) : t("offline.notice")}
    </p>
  );
}

function Header() {
  const { t } = useTranslation();
  const user = useRootData()?.user;
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        <img src="/favicon.svg" alt="" width={24} height={24} />
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
  const { t } = useTranslation();
  useChangeLanguage(asLanguage(data?.lang));
  return (
    <>
      <a href="#main" className="skip-link">
        {t("skipToMain")}
      </a>
      <Header />
      <OfflineNotice />
      <div id="main" tabIndex={-1} className="main-wrap">
        <Outlet />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return (
    <>
      <a href="#main" className="skip-link">
        {t("skipToMain")}
      </a>
      <Header />
      <main className="page" id="main" tabIndex={-1}>
        <GeneralErrorBoundary />
      </main>
    </>
  );
}
