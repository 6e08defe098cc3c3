// The coverage choropleth. It draws what /api/coverage.geojson returns for the
// chosen level and figure, coloured by the legend classes the page computed,
// with the public map's clustered rooms (/api/map) on top. It computes no figures.
import L from "leaflet";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { GeoJSON, MapContainer, useMap } from "react-leaflet";

import { OptionalTiles, RoomsLayer } from "./room-map.client";

export type CoverageFeatureProps = { name: string; value: number | null; gap: boolean; rooms: number };

export type CoverageMapProps = {
  /** URL of the lean GeoJSON to colour; null draws district outlines only (streets have none). */
  dataUrl: string | null;
  /** Class upper bounds and one colour per class (breaks.length + 1). */
  breaks: number[];
  colors: string[];
  noDataColor: string;
  selected: string | null;
  tileUrl: string;
  tileAttribution: string;
  labels: {
    tooltip: (code: string, props: CoverageFeatureProps) => string;
    cluster: (count: number) => string;
    stars: (n: number) => string;
    openRoom: string;
    noTiles: string;
  };
  onSelect: (code: string) => void;
};

type Collection = GeoJSON.FeatureCollection<GeoJSON.Geometry | null, CoverageFeatureProps>;

const SHANGHAI_BOUNDS = L.latLngBounds([30.68, 120.86], [31.87, 122.0]);

function classColor(value: number | null, breaks: number[], colors: string[], none: string): string {
  if (value === null) return none;
  let k = 0;
  while (k < breaks.length && value >= (breaks[k] as number)) k++;
  return colors[k] ?? none;
}

function FitSelected({ layer, selected }: { layer: L.GeoJSON | null; selected: string | null }) {
  const map = useMap();
  useEffect(() => {
    if (!layer || !selected) return;
    layer.eachLayer((l) => {
      const feature = (l as L.Polygon).feature as GeoJSON.Feature | undefined;
      if (feature?.id === selected) map.fitBounds((l as L.Polygon).getBounds(), { maxZoom: 14, padding: [24, 24] });
    });
  }, [layer, selected, map]);
  return null;
}

export default function CoverageMap(props: CoverageMapProps) {
  const { dataUrl, breaks, colors, noDataColor, selected, tileUrl, tileAttribution, labels, onSelect } = props;
  const [data, setData] = useState<Collection | null>(null);
  const [outlines, setOutlines] = useState<GeoJSON.FeatureCollection | null>(null);
  const [layer, setLayer] = useState<L.GeoJSON | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const labelsRef = useRef(labels);
  labelsRef.current = labels;

  useEffect(() => {
    const controller = new AbortController();
    setData(null);
    const url = dataUrl ?? "/api/districts.geojson";
    fetch(url, { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`coverage map ${r.status}`))))
      .then((json: Collection) => (dataUrl ? setData(json) : setOutlines(json as unknown as GeoJSON.FeatureCollection)))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) console.warn(error);
      });
    return () => controller.abort();
  }, [dataUrl]);

  const style = useCallback(
    (feature?: GeoJSON.Feature<GeoJSON.Geometry | null, CoverageFeatureProps>): L.PathOptions => {
      const p = feature?.properties;
      const isSelected = feature?.id === selected;
      return {
        fillColor: classColor(p?.value ?? null, breaks, colors, noDataColor),
        fillOpacity: 0.7,
        color: isSelected ? "#1565c0" : p?.gap ? "#b71c1c" : "#ffffff",
        weight: isSelected ? 3.5 : p?.gap ? 1.6 : 0.6,
        dashArray: p?.gap && !isSelected ? "4 3" : undefined,
        className: p?.gap ? "coverage-area coverage-area--gap" : "coverage-area",
      };
    },
    [breaks, colors, noDataColor, selected],
  );

  const onEachFeature = useCallback(
    (feature: GeoJSON.Feature<GeoJSON.Geometry | null, CoverageFeatureProps>, target: L.Layer) => {
      const code = String(feature.id);
      // Hover on a desktop, tap on a phone: the tooltip shows, a click selects.
      // Text, never HTML: circle names come from imported files.
      (target as L.Path).bindTooltip(
        () => {
          const element = document.createElement("div");
          element.className = "coverage-tooltip";
          element.textContent = labelsRef.current.tooltip(code, feature.properties);
          return element;
        },
        { sticky: true },
      );
      target.on("click", () => onSelect(code));
    },
    [onSelect],
  );

  // A new layer when the data or the styling inputs change; react-leaflet's GeoJSON does not restyle by itself.
  const layerKey = useMemo(() => `${dataUrl}|${breaks.join(",")}|${selected ?? ""}|${data ? data.features.length : 0}`, [dataUrl, breaks, selected, data]);

  return (
    <div className="room-map-frame">
      <MapContainer bounds={SHANGHAI_BOUNDS} className="room-map coverage-map" preferCanvas={false}>
        <OptionalTiles url={tileUrl} attribution={tileAttribution} onFail={() => setTilesFailed(true)} />
        {data ? <GeoJSON key={layerKey} ref={setLayer} data={data} style={style} onEachFeature={onEachFeature} /> : null}
        {!dataUrl && outlines ? (
          <GeoJSON data={outlines} interactive={false} style={{ color: "#7a6f9b", weight: 1.2, fill: true, fillColor: "#ffffff", fillOpacity: 0.35 }} />
        ) : null}
        <FitSelected layer={layer} selected={selected} />
        <RoomsLayer filterQuery="" labels={labels} />
      </MapContainer>
      {tileUrl && tilesFailed ? (
        <p className="map-note" role="status">
          {labels.noTiles}
        </p>
      ) : null}
    </div>
  );
}
