// The header's way into the inbox, with the unread count (from the root loader,
// which Remix reloads after every navigation and form post).
import { NavLink, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

export function InboxLink({ unread }: { unread: number }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  // Coming back to the tab: the count may have changed while the person was away.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [revalidator]);
  return (
    <NavLink to="/inbox" className="inbox-link" aria-label={unread > 0 ? t("inbox.navUnread", { count: unread }) : t("inbox.nav")}>
      {t("inbox.nav")}
      {unread > 0 ? (
        <span className="inbox-badge" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
