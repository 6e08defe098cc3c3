import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useSearchParams, useSubmit } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ClientOnly } from "remix-utils/client-only";

import { FiguresRecomputing } from "~/components/job-progress";
import CoverageMap, { type CoverageFeatureProps } from "~/components/map/coverage-map.client";
import { formatFigure, formatShare } from "~/domain/coverage/format";
import { MAP_FIGURES, type MapFigure } from "~/domain/coverage/legend";
import type { SortKey } from "~/domain/coverage/table";
import { COVERAGE_LEVELS, WALK_RADIUS_CHOICES, type AreaFigures } from "~/domain/coverage/types";
import { asLanguage } from "~/i18n/config";
import { useRootData } from "~/root";
import { CoverageTableQuerySchema } from "~/schemas/coverage";
import { coveragePage } from "~/services/coverage-page.server";
import { getDb } from "~/utils/db.server";
import { parsePageQuery } from "~/utils/http.server";

// Public: the figures are open data (see /api/coverage.geojson); nothing here names a person.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }];

export const meta: MetaFunction = () => [{ title: "母婴室覆盖情况 · Coverage" }];

/** Light to dark: higher values darker, whatever the figure (the legend says what each class holds). */
const COLORS = ["#fde0ef", "#f4a6c8", "#e8619c", "#c2185b", "#7a0b39"];
const NO_DATA = "#cfd3d8";

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parsePageQuery(request, CoverageTableQuerySchema);
  return await coveragePage(getDb(), query, new Date());
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function CoveragePage() {
  const data = useLoaderData<typeof loader>();
  const { query, rows, breaks, city } = data;
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const root = useRootData();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const submit = useSubmit();
  const figureLabel = t(`coverage.figures.${query.figure}`);
  const districtName = new Map(data.districts.map((d) => [d.code, d.name]));
  const fmt = (figure: MapFigure | "areaKm2" | "residents", value: number | null) => formatFigure(figure, value, lang, t("coverage.none"));

  /** The current query with some parameters changed (undefined removes one). */
  const withParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    return `?${next}`;
  };

  const onSelect = useCallback(
    (code: string) => {
      const next = new URLSearchParams(searchParams);
      next.set("area", code);
      next.delete("page");
      navigate(`/coverage?${next}`, { preventScrollReset: true });
    },
    [navigate, searchParams],
  );

  const exportQuery = new URLSearchParams(searchParams);
  exportQuery.delete("page");
  const dataUrl = query.level === "street" ? null : `/api/coverage.geojson?level=${query.level}&figure=${query.figure}&radius=${query.radius}&v=${encodeURIComponent(data.figures.computedAt ?? "")}`;

  const legendItems = COLORS.slice(0, breaks.length + 1).map((color, k) => {
    const from = k === 0 ? null : (breaks[k - 1] as number);
    const to = k < breaks.length ? (breaks[k] as number) : null;
    const text = from === null ? `< ${fmt(query.figure, to)}` : to === null ? `≥ ${fmt(query.figure, from)}` : `${fmt(query.figure, from)} – ${fmt(query.figure, to)}`;
    return { color, text: breaks.length === 0 ? figureLabel : text };
  });

  return (
    <main className="coverage-page">
      <section className="coverage-top">
        <aside className="panel coverage-panel">
          <h1>{t("coverage.title")}</h1>
          <p className="hint">{t("coverage.intro")}</p>
          <FiguresRecomputing figures={data.figures} />
          {data.circlesAreDemo ? (
            <p className="demo-notice">{t("coverage.demoCircles")}</p>
          ) : data.circleSource ? (
            <p className="hint">{t("coverage.importedCircles", { source: data.circleSource })}</p>
          ) : null}

          <Form method="get" className="filters" aria-label={t("coverage.controls")} onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}>
            <div className="filter-row">
              <span className="field-inline">
                <label htmlFor="coverage-level">{t("coverage.level")}</label>
                <select id="coverage-level" name="level" defaultValue={query.level}>
                  {COVERAGE_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {t(`coverage.levels.${level}`)}
                    </option>
                  ))}
                </select>
              </span>
              <span className="field-inline">
                <label htmlFor="coverage-figure">{t("coverage.figure")}</label>
                <select id="coverage-figure" name="figure" defaultValue={query.figure}>
                  {MAP_FIGURES.map((figure) => (
                    <option key={figure} value={figure}>
                      {t(`coverage.figures.${figure}`)}
                    </option>
                  ))}
                </select>
              </span>
            </div>
            <div className="filter-row">
              <span className="field-inline">
                <label htmlFor="coverage-district">{t("coverage.district")}</label>
                <select id="coverage-district" name="district" defaultValue={query.district ?? ""}>
                  <option value="">{t("coverage.allDistricts")}</option>
                  {data.districts.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </span>
              <span className="field-inline">
                <label htmlFor="coverage-radius">{t("coverage.radius")}</label>
                <select id="coverage-radius" name="radius" defaultValue={query.radius}>
                  {WALK_RADIUS_CHOICES.map((r) => (
                    <option key={r} value={r}>
                      {r} m
                    </option>
                  ))}
                </select>
              </span>
              <label className="chip">
                <input type="checkbox" name="gaps" value="1" defaultChecked={query.gaps} />
                {t("coverage.gapsOnly")}
              </label>
            </div>
            <div className="filter-actions">
              <button type="submit">{t("coverage.apply")}</button>
            </div>
          </Form>

          <dl className="headline">
            <div>
              <dt>{t("coverage.headline.rooms")}</dt>
              <dd>{city.publishedRooms}</dd>
            </div>
            <div>
              <dt>{t("coverage.headline.walk")}</dt>
              <dd>{formatShare(city.walkCoverage)}</dd>
            </div>
            <div>
              <dt>{t("coverage.headline.gaps")}</dt>
              <dd>
                {city.gapCircles ?? t("coverage.none")} / {data.circleCount}
              </dd>
            </div>
            <div>
              <dt>{t("coverage.headline.obligated")}</dt>
              <dd>{city.obligatedWithoutRoom}</dd>
            </div>
            <div>
              <dt>{t("coverage.headline.outside")}</dt>
              <dd>{data.roomsOutsideCircles}</dd>
            </div>
          </dl>

          <section aria-labelledby="legend-heading" className="legend">
            <h2 id="legend-heading">
              {t("coverage.legend")}: {figureLabel}
            </h2>
            {query.level === "street" ? (
              <p className="hint">{t("coverage.noStreetOutlines")}</p>
            ) : (
              <ul>
                {legendItems.map((item) => (
                  <li key={item.color}>
                    <span className="swatch" style={{ background: item.color }} aria-hidden="true" />
                    {item.text}
                  </li>
                ))}
                <li>
                  <span className="swatch" style={{ background: NO_DATA }} aria-hidden="true" />
                  {t("coverage.legendNone")}
                </li>
                <li>
                  <span className="swatch swatch--gap" aria-hidden="true" />
                  {t("coverage.legendGap")}
                </li>
              </ul>
            )}
          </section>
          <p className="hint">{t("coverage.straightLine", { radius: query.radius })}</p>
          <p className="hint">{t("coverage.residentsNote")}</p>
          <p className="hint">{t("coverage.outsideCircles", { count: data.roomsOutsideCircles })}</p>
          <p className="hint">{t("coverage.approxDistricts")}</p>
        </aside>

        <section className="map-area coverage-map-area" aria-label={t("coverage.map")}>
          <ClientOnly fallback={<div className="room-map room-map--placeholder">{t("coverage.mapLoading")}</div>}>
            {() => (
              <CoverageMap
                dataUrl={dataUrl}
                breaks={breaks}
                colors={COLORS}
                noDataColor={NO_DATA}
                selected={query.area ?? null}
                tileUrl={root?.env.MAP_TILE_URL ?? ""}
                tileAttribution={root?.env.MAP_TILE_ATTRIBUTION ?? ""}
                labels={{
                  tooltip: (code: string, p: CoverageFeatureProps) =>
                    `${p.name} (${code})\n${figureLabel}: ${fmt(query.figure, p.value)}\n${t("coverage.tooltipRooms", { count: p.rooms })}${p.gap ? `\n${t("coverage.gap")}` : ""}`,
                  cluster: (count) => t("map.cluster", { count }),
                  stars: (count) => t("stars.label", { count }),
                  openRoom: t("map.openRoom"),
                  noTiles: t("map.noTiles"),
                }}
                onSelect={onSelect}
              />
            )}
          </ClientOnly>
        </section>
      </section>

      <section className="coverage-table-section" aria-labelledby="coverage-table-heading">
        <div className="table-head">
          <h2 id="coverage-table-heading">{t("coverage.table")}</h2>
          {data.selected ? (
            <p>
              {t("coverage.selected", { name: data.selected.name })} <Link to={withParams({ area: undefined, page: undefined })}>{t("coverage.showAll")}</Link>
            </p>
          ) : null}
          <p className="exports">
            <a href={`/coverage.csv?${exportQuery}`} download>
              {t("coverage.exportCsv")}
            </a>
            <a href={`/coverage.xlsx?${exportQuery}`} download>
              {t("coverage.exportXlsx")}
            </a>
          </p>
        </div>
        <div className="table-scroll">
          <table className="coverage-table">
            <caption>{t("coverage.tableCaption", { level: t(`coverage.levels.${query.level}`), count: data.total, page: query.page, pages: data.pages })}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("coverage.columns.name")} query={query} href={withParams} />
                {query.level !== "district" ? <th scope="col">{t("coverage.columns.district")}</th> : null}
                {query.level !== "street" ? <SortHeader column="areaKm2" label={t("coverage.columns.areaKm2")} query={query} href={withParams} /> : null}
                <SortHeader column="residents" label={t("coverage.columns.residents")} query={query} href={withParams} />
                <SortHeader column="publishedRooms" label={t("coverage.columns.publishedRooms")} query={query} href={withParams} />
                <th scope="col">{t("coverage.columns.officialStars")}</th>
                <th scope="col">{t("coverage.columns.selfStars")}</th>
                <SortHeader column="walkCoverage" label={t("coverage.columns.walkCoverage")} query={query} href={withParams} />
                <SortHeader column="residentCoverage" label={t("coverage.columns.residentCoverage")} query={query} href={withParams} />
                <SortHeader column="roomsPerKm2" label={t("coverage.columns.roomsPerKm2")} query={query} href={withParams} />
                <SortHeader column="residentsPerRoom" label={t("coverage.columns.residentsPerRoom")} query={query} href={withParams} />
                <th scope="col">{t("coverage.columns.obligated")}</th>
                <SortHeader column="obligatedRate" label={t("coverage.columns.obligatedRate")} query={query} href={withParams} />
                <SortHeader column="freshness" label={t("coverage.columns.freshness")} query={query} href={withParams} />
                <SortHeader column="checksThisYear" label={t("coverage.columns.checksThisYear")} query={query} href={withParams} />
                {query.level !== "circle" ? <SortHeader column="gapCircles" label={t("coverage.columns.gapCircles")} query={query} href={withParams} /> : null}
                <th scope="col">{t("coverage.columns.gap")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row: Row) => (
                <tr key={row.code} className={`${row.gap ? "is-gap" : ""}${row.code === query.area ? " is-selected" : ""}`}>
                  <th scope="row">
                    <Link to={withParams({ area: row.code, page: undefined })} preventScrollReset>
                      {row.name}
                    </Link>
                    <span className="code">{row.code}</span>
                  </th>
                  {query.level !== "district" ? <td>{districtName.get(row.districtCode ?? "") ?? ""}</td> : null}
                  {query.level !== "street" ? <td className="num">{fmt("areaKm2", row.areaKm2)}</td> : null}
                  <td className="num">{fmt("residents", row.residents)}</td>
                  <td className="num">
                    {row.publishedRooms}
                    <span className="muted"> / {row.rooms}</span>
                  </td>
                  <td className="num">{starTriple(row.officialStars)}</td>
                  <td className="num">{starTriple(row.selfStars)}</td>
                  <td className="num">{fmt("walkCoverage", row.walkCoverage)}</td>
                  <td className="num">{fmt("residentCoverage", row.residentCoverage)}</td>
                  <td className="num">{fmt("roomsPerKm2", row.roomsPerKm2)}</td>
                  <td className="num">{fmt("residentsPerRoom", row.residentsPerRoom)}</td>
                  <td className="num">
                    {row.obligatedWithRoom} / {row.obligatedWithoutRoom}
                  </td>
                  <td className="num">{fmt("obligatedRate", row.obligatedRate)}</td>
                  <td className="num">{fmt("freshness", row.freshness)}</td>
                  <td className="num">{row.checksThisYear}</td>
                  {query.level !== "circle" ? <td className="num">{row.gapCircles ?? t("coverage.none")}</td> : null}
                  <td>{row.gap ? <strong className="gap-flag">{t("coverage.gap")}</strong> : t("coverage.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.pages > 1 ? (
          <nav className="pager" aria-label={t("coverage.table")}>
            {query.page > 1 ? <Link to={withParams({ page: String(query.page - 1) })}>{t("coverage.previous")}</Link> : null}
            <span>
              {query.page} / {data.pages}
            </span>
            {query.page < data.pages ? <Link to={withParams({ page: String(query.page + 1) })}>{t("coverage.next")}</Link> : null}
          </nav>
        ) : null}
      </section>
    </main>
  );
}

function starTriple(stars: AreaFigures["officialStars"]): string {
  return `${stars[2]}/${stars[3]}/${stars[4]}`;
}

/** A sortable column header: a link (works without JavaScript), with aria-sort on the sorted one. */
function SortHeader({ column, label, query, href }: { column: SortKey; label: string; query: { sort: SortKey; dir: "asc" | "desc" }; href: (changes: Record<string, string | undefined>) => string }) {
  const { t } = useTranslation();
  const active = query.sort === column;
  const nextDir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={href({ sort: column, dir: nextDir, page: undefined })} preventScrollReset title={t("coverage.sortBy", { column: label })}>
        {label}
        {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
