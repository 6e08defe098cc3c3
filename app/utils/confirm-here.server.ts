// The request side of "我在这里：开放、干净": rate limits per address and per
// device (the same abuse rules as parents' reports: limits and a honeypot), the
// device cookie, then one service call. Used by the room page's action.
import { data } from "@remix-run/node";

import type { Db } from "#db/client";
import { ConfirmHereSchema } from "~/schemas/confirmation";
import { submitConfirmation } from "~/services/trust-date.server";

import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { AppError } from "./http.server";
import { clientAddress, deviceId, hitRateLimit, issueDeviceId, LIMITS } from "./rate-limit.server";

export type ConfirmHereResult = { confirmedHere: true; stored: boolean } | { confirmedHere: false; error: string };

export function confirmHere(request: Request, roomId: number, formData: FormData, { db = getDb(), now = new Date() }: { db?: Db; now?: Date } = {}) {
  const parsed = ConfirmHereSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data<ConfirmHereResult>({ confirmedHere: false, error: "validation.invalid" }, { status: 400 });
  const existing = deviceId(request);
  const issued = existing ? null : issueDeviceId(getEnv().COOKIE_SECURE);
  const headers: HeadersInit = issued ? { "Set-Cookie": issued.setCookie } : {};
  try {
    hitRateLimit(`confirm:${clientAddress(request)}`, LIMITS.confirm);
    hitRateLimit(`confirm-device:${existing ?? issued!.id}`, LIMITS.confirmDevice);
    // A filled honeypot is thanked and dropped, as with reports.
    if (parsed.data.website) return data<ConfirmHereResult>({ confirmedHere: true, stored: true }, { headers });
    // A first visit gets its id now. (Not the address instead: parents on one
    // venue's Wi-Fi share it. Clearing cookies to pose as a second device is
    // bounded by the per-address limit.)
    const device = existing ?? issued!.id;
    const { stored } = submitConfirmation(db, roomId, { channel: parsed.data.channel, device }, now);
    return data<ConfirmHereResult>({ confirmedHere: true, stored }, { headers });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return data<ConfirmHereResult>({ confirmedHere: false, error: error.message }, { status: error.status, headers });
  }
}
