// Another server process on the same database, for the cluster test: answers
// nearest queries through the same service a server uses, and writes on request.
import { eq } from "drizzle-orm";

import { createDb } from "#db/client";
import { rooms } from "#db/schema";
import { nearestRooms } from "~/services/rooms.server";

const db = createDb(process.env.PEER_DB!);
const filters = { sql: { statuses: ["published" as const] }, openNow: false };

process.on("message", (msg: { op: "nearest"; lng: number; lat: number } | { op: "status"; id: number; status: "published" | "closed" }) => {
  if (msg.op === "nearest") {
    process.send!({ ids: nearestRooms(db, { lng: msg.lng, lat: msg.lat }, filters, 5, new Date()).map((r) => r.id) });
  } else {
    db.update(rooms).set({ status: msg.status }).where(eq(rooms.id, msg.id)).run();
    process.send!({ ok: true });
  }
});
process.send!({ ready: true });
