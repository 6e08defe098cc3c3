// What a map marker's popup shows: each room at that point with venue, floor,
// distance, open state and stars, and one tap to its page and to navigation.
// Plain React (no Leaflet): the map renders it inside its popups.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { HoursStatus } from "~/components/hours-status";
import { StarBadge } from "~/components/star-badge";
import { formatDistance, type LngLat } from "~/domain/geo/distance";
import { mapLinks } from "~/domain/geo/map-links";
import type { HoursStatus as Status } from "~/domain/hours/evaluate";
import { asLanguage } from "~/i18n/config";
import type { RoomCard } from "~/services/rooms.server";

/** A card as it arrives over JSON: dates are strings until revived. */
type WireCard = Omit<RoomCard, "hours"> & { hours: Omit<Status, "closesAt" | "opensAt"> & { closesAt?: string | Date; opensAt?: string | Date } };

const revive = (card: WireCard): RoomCard => ({
  ...card,
  hours: {
    ...card.hours,
    closesAt: card.hours.closesAt ? new Date(card.hours.closesAt) : undefined,
    opensAt: card.hours.opensAt ? new Date(card.hours.opensAt) : undefined,
  },
});

export function RoomPopup({ ids, known, from, now }: { ids: number[]; known: Map<number, RoomCard>; from: LngLat | null; now: string }) {
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const missing = ids.filter((id) => !known.has(id));
  const [fetched, setFetched] = useState<RoomCard[]>([]);
  const [failed, setFailed] = useState(false);
  const missingKey = missing.join(",");

  useEffect(() => {
    if (!missingKey) return;
    const params = new URLSearchParams({ ids: missingKey });
    if (from) {
      params.set("lat", from.lat.toFixed(6));
      params.set("lng", from.lng.toFixed(6));
    }
    const controller = new AbortController();
    fetch(`/api/rooms/cards?${params}`, { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ rooms: WireCard[] }>) : Promise.reject(new Error(`cards ${r.status}`))))
      .then((body) => setFetched(body.rooms.map(revive)))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setFailed(true);
      });
    return () => controller.abort();
  }, [missingKey, from]);

  const cards = ids.map((id) => known.get(id) ?? fetched.find((c) => c.id === id)).filter((c): c is RoomCard => Boolean(c));
  return (
    <div className="room-popup">
      {ids.length > 1 ? <p className="room-popup__count">{t("map.roomsHere", { count: ids.length })}</p> : null}
      {cards.length < ids.length ? <p className="hint">{failed ? t("map.popupFailed") : t("map.popupLoading")}</p> : null}
      <ul>
        {cards.map((card) => {
          const links = mapLinks({ lng: card.lng, lat: card.lat }, `${card.venueName} ${card.name}`);
          return (
            <li key={card.id}>
              <strong>{card.venueName}</strong>
              <span>
                {card.name}
                {card.floor ? ` · ${card.floor}` : ""}
                {card.distanceMeters !== undefined ? ` · ${formatDistance(card.distanceMeters, lang)} · ${t("search.walk", { minutes: Math.max(1, card.walkMinutes ?? 1) })}` : ""}
              </span>
              <span>
                <HoursStatus status={card.hours} now={now} /> <StarBadge stars={card.stars} long />
              </span>
              <span className="room-popup__links">
                <a href={`/rooms/${card.id}`}>{t("map.openRoom")}</a>
                <a href={links.amap} target="_blank" rel="noopener noreferrer">
                  {t("map.navigate")}
                </a>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
