import { useFetcher, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { ConfirmHereResult } from "~/utils/confirm-here.server";

/**
 * "我在这里：开放、干净 / 有问题": a parent at the room confirms in one tap, or
 * jumps to the report form. Posts to the room page's action (intent
 * confirm-here); works without JavaScript. Arriving by the door sign's QR code
 * (/r/<code> → ?via=qr) records the channel as "qr".
 */
export function ConfirmHerePanel({ roomId, problemHref = "#report-problem" }: { roomId: number; problemHref?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const fetcher = useFetcher<ConfirmHereResult>();
  const result = fetcher.data;
  return (
    <section aria-labelledby="confirm-here" className="confirm-here">
      <h2 id="confirm-here">{t("verify.hereTitle")}</h2>
      {result?.confirmedHere ? (
        <p role="status" className="notice notice--ok">
          {result.stored ? t("verify.thanks") : t("verify.thanksRepeat")}
        </p>
      ) : (
        <>
          <p className="hint">{t("verify.hereIntro")}</p>
          {result && !result.confirmedHere ? (
            <p role="alert" className="form-errors">
              {t(result.error)}
            </p>
          ) : null}
          <fetcher.Form method="post" action={`/rooms/${roomId}`} className="button-row confirm-here__actions">
            <input type="hidden" name="intent" value="confirm-here" />
            <input type="hidden" name="channel" value={params.get("via") === "qr" ? "qr" : "page"} />
            <div className="honeypot" aria-hidden="true">
              <label>
                {t("inspect.report.honeypot")}
                <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
              </label>
            </div>
            <button type="submit" className="button-primary" disabled={fetcher.state !== "idle"}>
              {t("verify.confirm")}
            </button>
            <a href={problemHref} className="button-secondary">
              {t("verify.problem")}
            </a>
          </fetcher.Form>
        </>
      )}
      <p className="hint">{t("verify.privacy")}</p>
    </section>
  );
}
