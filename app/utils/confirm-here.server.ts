// The request side of "我在这里：开放、干净": rate limits per address and per
// device (the same abuse rules as parents' reports: limits and a honeypot), the
// device cookie, then one service call. Used by the room page's action.
import { data } from "@remix-run/node";

import type { Db } from "#db/client";
import { ConfirmHereSchema } from "~/schemas/confirmation";
import { submitConfirmation } from "~/services/trust-date.server";

import { getDb } from "./db.server";
import { AppError } from "./http.server";
import { deviceId, hitClientLimits, LIMITS } from "./rate-limit.server";

export type ConfirmHereResult = { confirmedHere: true; stored: boolean } | { confirmedHere: false; error: string };

export function confirmHere(request: Request, roomId: number, formData: FormData, { db = getDb(), now = new Date() }: { db?: Db; now?: Date } = {}) {
  const parsed = ConfirmHereSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data<ConfirmHereResult>({ confirmedHere: false, error: "validation.invalid" }, { status: 400 });
  try {
    hitClientLimits(request, "confirm", LIMITS.confirm, LIMITS.confirmDevice, now.getTime(), db);
    // A filled honeypot is thanked and dropped, as with reports.
    if (parsed.data.website) return data<ConfirmHereResult>({ confirmedHere: true, stored: true });
    // The device cookie is set by the server on the first visit (scripts/serve.ts);
    // a browser without it counts as its address (parents on one venue's Wi-Fi then
    // count once, which errs on the side of not verifying).
    const { stored } = submitConfirmation(db, roomId, { channel: parsed.data.channel, device: deviceId(request) }, now);
    return data<ConfirmHereResult>({ confirmedHere: true, stored });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return data<ConfirmHereResult>({ confirmedHere: false, error: error.message }, { status: error.status });
  }
}
