// The position part of the room form: a search among registered venues, "use
// my location", the map (pin on click, drag, or typed/pasted coordinates),
// a paste box and the latitude/longitude/source inputs. Coordinates typed in
// GCJ-02 or BD-09 are shown on the WGS-84 map after conversion, with the offset.
// Without JavaScript only the inputs remain, and they are enough.
import type { FieldMetadata } from "@conform-to/react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { ClientOnly } from "remix-utils/client-only";

import PositionPicker from "~/components/map/position-picker.client";
import { parseCoordinatePair } from "~/domain/geo/coordinate-text";
import { toWgs84 } from "~/domain/geo/crs";
import { haversineMeters } from "~/domain/geo/distance";
import { CRS_VALUES, type Crs } from "~/domain/registry/vocabulary";

import { SelectField, TextField } from "./field";

type Point = { lat: number; lng: number };
type Hit = { venueId: number; name: string; address: string; districtName: string; lat: number; lng: number };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

const num = (v: unknown) => (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);

export function PositionFields({
  lat,
  lng,
  crs,
  update,
  fallbackCenter,
  tiles,
}: {
  lat: AnyField;
  lng: AnyField;
  crs: AnyField;
  update: (name: string, value: string) => void;
  fallbackCenter: Point;
  tiles: { url: string; attribution: string };
}) {
  const { t } = useTranslation();
  const [focus, setFocus] = useState<(Point & { seq: number }) | null>(null);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [locateState, setLocateState] = useState<"idle" | "busy" | "failed">("idle");
  const [pasteError, setPasteError] = useState(false);

  // What the three inputs hold, kept here: set by the map and the paste box, and read back from the inputs when
  // someone types (conform's own value is not re-rendered into this component when form.update changes it).
  const initial = (f: AnyField, fallback = "") => (typeof f.initialValue === "string" ? f.initialValue : fallback);
  const [current, setCurrent] = useState(() => ({ lat: initial(lat), lng: initial(lng), crs: initial(crs, "wgs84") }));
  const set = useCallback(
    (values: Partial<typeof current>) => {
      setCurrent((c) => ({ ...c, ...values }));
      if (values.lat !== undefined) update(lat.name, values.lat);
      if (values.lng !== undefined) update(lng.name, values.lng);
      if (values.crs !== undefined) update(crs.name, values.crs);
    },
    [update, lat.name, lng.name, crs.name],
  );
  const readInputs = (root: HTMLElement) => {
    const value = (name: string) => (root.querySelector(`[name="${name}"]`) as HTMLInputElement | HTMLSelectElement | null)?.value ?? "";
    setCurrent({ lat: value(lat.name), lng: value(lng.name), crs: value(crs.name) || "wgs84" });
  };

  const source = (CRS_VALUES as readonly string[]).includes(current.crs) ? (current.crs as Crs) : "wgs84";
  const typed = num(current.lat) !== null && num(current.lng) !== null ? { lat: num(current.lat)!, lng: num(current.lng)! } : null;
  const onMap = typed && Math.abs(typed.lat) <= 90 && Math.abs(typed.lng) <= 180 ? toWgs84(typed, source) : null;
  const offsetMeters = typed && onMap && source !== "wgs84" ? Math.round(haversineMeters(typed, onMap)) : null;

  // A position from the map or from GPS is WGS-84: the source becomes wgs84.
  const place = useCallback(
    (p: Point) => set({ lat: p.lat.toFixed(6), lng: p.lng.toFixed(6), crs: "wgs84" }),
    [set],
  );

  const paste = (text: string) => {
    const pair = parseCoordinatePair(text);
    setPasteError(!pair && text.trim() !== "");
    if (!pair) return;
    // Pasted numbers keep the chosen source system (Amap: GCJ-02, Baidu: BD-09).
    set({ lat: String(pair.lat), lng: String(pair.lng) });
  };

  const search = async () => {
    const q = query.trim();
    if (!q) return;
    try {
      const res = await fetch(`/api/venues/search?${new URLSearchParams({ q })}`);
      setHits(res.ok ? ((await res.json()) as { results: Hit[] }).results : []);
    } catch {
      setHits([]);
    }
  };

  const locate = () => {
    if (!("geolocation" in navigator)) return setLocateState("failed");
    setLocateState("busy");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocateState("idle");
        const p = { lat: pos.coords.latitude, lng: pos.coords.longitude };
        place(p);
        setFocus({ ...p, seq: Date.now() });
      },
      () => setLocateState("failed"),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <>
      <ClientOnly fallback={null}>
        {() => (
          <div className="position-tools">
            <div className="position-search" role="search">
              <label htmlFor="position-search-input">{t("picker.search")}</label>
              <input
                id="position-search-input"
                type="search"
                value={query}
                placeholder={t("picker.searchPlaceholder")}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  // Enter searches; it must not submit the room form.
                  if (e.key === "Enter") {
                    e.preventDefault();
                    void search();
                  }
                }}
              />
              <button type="button" onClick={() => void search()}>
                {t("picker.searchButton")}
              </button>
              <button type="button" onClick={locate} disabled={locateState === "busy"}>
                {locateState === "busy" ? t("picker.locating") : t("picker.locate")}
              </button>
            </div>
            {locateState === "failed" ? (
              <p className="field-error" role="alert">
                {t("picker.locateFailed")}
              </p>
            ) : null}
            {hits ? (
              hits.length ? (
                <ul className="position-hits" aria-label={t("picker.results")}>
                  {hits.map((h) => (
                    <li key={h.venueId}>
                      <button type="button" className="link-button" onClick={() => setFocus({ lat: h.lat, lng: h.lng, seq: Date.now() })}>
                        {h.name}
                      </button>{" "}
                      <span className="hint">
                        {h.districtName} · {h.address}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p role="status" className="hint">
                  {t("picker.noResults")}
                </p>
              )
            ) : null}
            <PositionPicker
              value={onMap}
              focus={focus}
              fallbackCenter={fallbackCenter}
              onChange={place}
              tileUrl={tiles.url}
              tileAttribution={tiles.attribution}
              labels={{
                map: t("register.positionMap"),
                pin: t("picker.pin"),
                noTiles: t("map.noTiles"),
                cluster: (count) => t("map.cluster", { count }),
                openRoom: t("map.openRoom"),
                stars: (n) => t("stars.label", { count: n }),
              }}
            />
            <div className="field">
              <label htmlFor="position-paste">{t("picker.paste")}</label>
              <input
                id="position-paste"
                type="text"
                inputMode="decimal"
                aria-describedby="position-paste-hint"
                onPaste={(e) => {
                  e.preventDefault();
                  const text = e.clipboardData.getData("text");
                  e.currentTarget.value = text;
                  paste(text);
                }}
                onChange={(e) => paste(e.target.value)}
              />
              <p id="position-paste-hint" className="hint">
                {pasteError ? t("picker.pasteError") : t("picker.pasteHint")}
              </p>
            </div>
          </div>
        )}
      </ClientOnly>
      <div className="form-row" onChange={(e) => readInputs(e.currentTarget)}>
        <TextField meta={lat} label={t("register.lat")} inputMode="decimal" />
        <TextField meta={lng} label={t("register.lng")} inputMode="decimal" />
        <SelectField meta={crs} label={t("register.crs")} options={CRS_VALUES.map((v) => ({ value: v, label: t(`crs.${v}`) }))} />
      </div>
      {onMap && offsetMeters !== null ? (
        <p className="hint" role="status" data-testid="converted-position">
          {t("picker.converted", { crs: t(`crs.${source}`), lat: onMap.lat.toFixed(6), lng: onMap.lng.toFixed(6), meters: offsetMeters })}
        </p>
      ) : null}
    </>
  );
}
