import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatDistance } from "~/domain/geo/distance";
import { districtName } from "~/domain/registry/district-names";
import { asLanguage } from "~/i18n/config";
import type { RoomCard } from "~/services/rooms.server";

import { HoursStatus } from "./hours-status";
import { StarBadge } from "./star-badge";

/** One room in the list: what a parent decides by (distance, floor, open now, stars) in three short lines. */
export function RoomListItem({ room, rank, now }: { room: RoomCard; rank: number; now: string }) {
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  return (
    <li className={`room-item room-item--${room.hours.state}`}>
      <span className="rank" aria-hidden="true">
        {rank}
      </span>
      <div className="room-item__body">
        <h3>
          <Link to={`/rooms/${room.id}`}>
            {room.venueName} · {room.name}
          </Link>
        </h3>
        <p className="distance">
          {room.distanceMeters !== undefined ? (
            <>
              {formatDistance(room.distanceMeters, lang)} · {t("search.walk", { minutes: Math.max(1, room.walkMinutes ?? 1) })}
            </>
          ) : null}
          {room.floor ? (
            <span className="floor">
              {room.distanceMeters !== undefined ? " · " : ""}
              {t("room.floorValue", { floor: room.floor })}
            </span>
          ) : null}
        </p>
        <p className="meta">
          <HoursStatus status={room.hours} now={now} />
          <StarBadge stars={room.stars} />
          {room.reportedClosed ? <strong className="reported-closed"> · {t("inspect.trust.reportedClosedShort")}</strong> : null}
          <span className="meta-place">
            {" "}
            · {t(`venueType.${room.venueType}`)} · {districtName(room.districtName, lang)}
          </span>
        </p>
      </div>
    </li>
  );
}
