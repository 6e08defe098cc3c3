// /r/<code>: where the door sign's QR code points. Resolves only published
// rooms and opens the room page with the channel marked, so the "我在这里"
// panel records a confirmation as coming from the sign.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { roomIdForShortCode } from "~/services/door-sign.server";
import { getDb } from "~/utils/db.server";
import { toPageError } from "~/utils/http.server";
import { clientAddress, hitRateLimit, LIMITS } from "~/utils/rate-limit.server";

const ParamsSchema = z.object({ code: z.string().regex(/^[0-9a-fA-F]{12}$/) });

export function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = ParamsSchema.safeParse(params);
  const roomId = parsed.success ? roomIdForShortCode(getDb(), parsed.data.code) : undefined;
  if (roomId === undefined) {
    // Misses count per address, so walking the code space is slow.
    try {
      hitRateLimit(`short-code-miss:${clientAddress(request)}`, LIMITS.shortCodeMiss);
    } catch (error) {
      toPageError(error);
    }
    throw new Response("No published room has this code", { status: 404 });
  }
  return redirect(`/rooms/${roomId}?via=qr`);
}
