// GET /rooms/<id>/sign.pdf?size=a5|a4: the printable door sign, for the room's
// manager, staff of its district and admins; only for a published room.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { DOOR_SIGN_SIZES } from "~/domain/registry/door-sign";
import { doorSignFor, renderDoorSign } from "~/services/door-sign.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { parsePageQuery, routeId, toPageError } from "~/utils/http.server";

const QuerySchema = z.object({ size: z.enum(DOOR_SIGN_SIZES).default("a5") });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = routeId(params, "id", "No room at this address");
  const { size } = parsePageQuery(request, QuerySchema);
  // The QR code's origin: PUBLIC_ORIGIN when set, else the origin this request came to.
  const origin = getEnv().PUBLIC_ORIGIN ?? new URL(request.url).origin;
  let content;
  try {
    content = doorSignFor(getDb(), user, id, origin);
  } catch (error) {
    toPageError(error);
  }
  const pdf = await renderDoorSign(content, size);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="door-sign-${id}-${size}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
