import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatDistance } from "~/domain/geo/distance";
import { asLanguage } from "~/i18n/config";
import type { RoomCard } from "~/services/rooms.server";

import { HoursStatus } from "./hours-status";
import { StarBadge } from "./star-badge";

export function RoomListItem({ room, rank, now }: { room: RoomCard; rank: number; now: string }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="room-item">
      <span className="rank" aria-hidden="true">
        {rank}
      </span>
      <div>
        <h3>
          <Link to={`/rooms/${room.id}`}>
            {room.venueName} · {room.name}
          </Link>
        </h3>
        <p className="meta">
          {t(`venueType.${room.venueType}`)} · {room.districtName}
          {room.floor ? ` · ${room.floor}` : ""}
        </p>
        <p className="meta">
          <HoursStatus status={room.hours} now={now} /> <StarBadge stars={room.stars} />
          {room.reportedClosed ? <strong className="reported-closed"> · {t("inspect.trust.reportedClosedShort")}</strong> : null}
        </p>
        {room.distanceMeters !== undefined ? (
          <p className="distance">
            {formatDistance(room.distanceMeters, asLanguage(i18n.language))} · {t("search.walk", { minutes: room.walkMinutes })}
          </p>
        ) : null}
      </div>
    </li>
  );
}
