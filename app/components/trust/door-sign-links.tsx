import { useTranslation } from "react-i18next";

/** "Print the door sign" on the manager's and the inspector's room pages: A5 and A4 PDFs, only once the room is published. */
export function DoorSignLinks({ roomId, published }: { roomId: number; published: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="door-sign" className="door-sign">
      <h2 id="door-sign">{t("doorSign.title")}</h2>
      {published ? (
        <>
          <p className="hint">{t("doorSign.intro")}</p>
          <ul className="door-sign__links">
            <li>
              <a href={`/rooms/${roomId}/sign.pdf?size=a5`} download>
                {t("doorSign.a5")}
              </a>
            </li>
            <li>
              <a href={`/rooms/${roomId}/sign.pdf?size=a4`} download>
                {t("doorSign.a4")}
              </a>
            </li>
          </ul>
        </>
      ) : (
        <p className="hint">{t("doorSign.onlyPublished")}</p>
      )}
    </section>
  );
}
