import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** On the manager's room page: the way to this room's rectification orders and parents' reports. */
export function FollowUpLink({ roomId }: { roomId: number }) {
  const { t } = useTranslation();
  return (
    <p>
      <Link to={`/manage/rooms/${roomId}/rectifications`}>{t("inspect.manage.title")} →</Link>
    </p>
  );
}
