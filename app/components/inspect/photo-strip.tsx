import { useTranslation } from "react-i18next";

/** Thumbnails of supervision photos; each opens the stored file (random name, metadata stripped). */
export function PhotoStrip({ photos }: { photos: { fileName: string }[] }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <ul className="check-photos" aria-label={t("inspect.check.photos")}>
      {photos.map((p, i) => (
        <li key={p.fileName}>
          <a href={`/supervision-photos/${p.fileName}`} target="_blank" rel="noreferrer">
            <img src={`/supervision-photos/${p.fileName}`} alt={`${t("inspect.check.photos")} ${i + 1}`} loading="lazy" width={96} height={72} />
          </a>
        </li>
      ))}
    </ul>
  );
}
