import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";

import { EXPORT_FIELDS } from "~/domain/open-data/fields";
import { asLanguage } from "~/i18n/config";

export const meta: MetaFunction = () => [{ title: "开放数据 · 上海母婴室" }];

const LICENCE = { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/deed.zh-hans" };

const DATASETS = [
  { href: "/api/rooms.geojson", format: "GeoJSON", text: "dataExchange.openData.geojson" },
  { href: "/api/rooms.csv", format: "CSV", text: "dataExchange.openData.csv" },
  { href: "/api/rooms.xlsx", format: "XLSX", text: "dataExchange.openData.xlsx" },
  { href: "/api/rooms.osm.geojson", format: "GeoJSON (OSM)", text: "dataExchange.openData.osm" },
] as const;

// Public and static: what the datasets are, their fields and their licence.
export default function OpenDataPage() {
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  return (
    <main className="page">
      <h1>{t("dataExchange.openData.title")}</h1>
      <p>{t("dataExchange.openData.intro")}</p>

      <section aria-labelledby="licence">
        <h2 id="licence">{t("dataExchange.openData.licence")}</h2>
        <p>
          {t("dataExchange.openData.licenceText", { licence: LICENCE.name })}{" "}
          <a href={LICENCE.url} rel="license">
            {LICENCE.name}
          </a>
        </p>
      </section>

      <section aria-labelledby="datasets">
        <h2 id="datasets">{t("dataExchange.openData.datasets")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("dataExchange.openData.format")}</th>
              <th scope="col">{t("dataExchange.openData.description")}</th>
              <th scope="col">{t("dataExchange.openData.download")}</th>
            </tr>
          </thead>
          <tbody>
            {DATASETS.map((d) => (
              <tr key={d.href}>
                <td>{d.format}</td>
                <td>{t(d.text)}</td>
                <td>
                  <a href={d.href} download>
                    {d.href}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{t("dataExchange.openData.filters")}</p>
      </section>

      <section aria-labelledby="fields">
        <h2 id="fields">{t("dataExchange.openData.fields")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("dataExchange.openData.field")}</th>
              <th scope="col">{t("dataExchange.openData.description")}</th>
            </tr>
          </thead>
          <tbody>
            {EXPORT_FIELDS.map((f) => (
              <tr key={f.key}>
                <td>
                  <code>{f.key}</code>
                </td>
                <td>{f[lang]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="osm">
        <h2 id="osm">{t("dataExchange.openData.osmTags")}</h2>
        <p>{t("dataExchange.openData.osmNote")}</p>
      </section>
    </main>
  );
}
