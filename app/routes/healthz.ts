import { countRooms } from "#db/queries/rooms";
import { getDb } from "~/utils/db.server";

// Liveness that proves the database answers, for load balancers and monitors.
export function loader() {
  try {
    const rooms = countRooms(getDb());
    return Response.json({ status: "ok", rooms }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return Response.json({ status: "error", error: "database unavailable" }, { status: 503 });
  }
}
