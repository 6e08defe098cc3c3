// Forms of the supervision side: the check (督查记录), the review decision,
// the manager's answer to an order, a parent's report, a report's handling.
// One schema each, used by conform in the browser and by the action.
import { z } from "zod";

import {
  HYGIENE_VALUES,
  INSPECTION_TYPE_VALUES,
  ITEM_STATE_VALUES,
  OUTCOME_VALUES,
  REPORT_CATEGORY_VALUES,
  REPORT_STATUS_VALUES,
} from "~/domain/inspection/vocabulary";
import { checkUploadSizes, DEFAULT_PHOTO_POLICY } from "~/domain/photos/policy";
import type { Checklist } from "~/domain/rating/checklist";

import { msg, optionalText, requiredText } from "./fields";
import { idNumber, strictNumber } from "./numbers";

/** Messages of this area live under `inspect.errors` (the shared `validation` keys cover the rest). */
const own = (key: string) => `inspect.errors.${key}`;

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { errorMap: () => ({ message: msg("choose") }) });
const yesNo = z.enum(["yes", "no"], { errorMap: () => ({ message: msg("choose") }) }).transform((v) => v === "yes");
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, own("date"));
/** <input type="datetime-local"> gives "YYYY-MM-DDTHH:mm", read as Shanghai time. */
const localDateTime = z
  .string({ required_error: msg("required") })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, own("dateTime"))
  .transform((v) => new Date(`${v}:00+08:00`));

/** Files from <input type=file multiple>; the server checks their content again (photos.server.ts). */
const photosField = z
  .array(z.custom<{ name: string; size: number }>((v) => typeof v === "object" && v !== null && "size" in v))
  .default([])
  .refine((files) => checkUploadSizes(files, DEFAULT_PHOTO_POLICY).length === 0, own("photoLimits"));

/** Built per request: the items come from the checklist version in use, the deadline rule from today's date. */
export function checkFormSchema(checklist: Checklist, todayYmd: string) {
  const codes = checklist.items.map((i) => i.code) as [string, ...string[]];
  const items = z.object(Object.fromEntries(codes.map((c) => [c, choice(ITEM_STATE_VALUES)])) as Record<string, ReturnType<typeof choice<typeof ITEM_STATE_VALUES>>>);
  const notes = z.object(Object.fromEntries(codes.map((c) => [c, optionalText(200)])) as Record<string, ReturnType<typeof optionalText>>).default({});
  return z
    .object({
      inspectedAt: localDateTime,
      type: choice(INSPECTION_TYPE_VALUES),
      items,
      notes,
      roomOpen: yesNo,
      locked: yesNo,
      repurposed: yesNo,
      hygiene: choice(HYGIENE_VALUES),
      note: optionalText(1000),
      outcome: choice(OUTCOME_VALUES),
      dueOn: ymd.optional(),
      rectifyItems: z.array(z.enum(codes)).max(codes.length).default([]),
      instructions: optionalText(1000),
      /** Empty = no star decision at this check. */
      confirmStars: strictNumber((n) => n.int().min(0).max(5)).optional(),
      starsReason: optionalText(300),
      photos: photosField,
    })
    .superRefine((v, ctx) => {
      if (v.outcome === "rectify") {
        if (!v.dueOn) ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg("required"), path: ["dueOn"] });
        else if (v.dueOn < todayYmd) ctx.addIssue({ code: z.ZodIssueCode.custom, message: own("dueInPast"), path: ["dueOn"] });
        if (v.rectifyItems.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: own("rectifyItems"), path: ["rectifyItems"] });
      }
    });
}

export type CheckForm = z.output<ReturnType<typeof checkFormSchema>>;

export const ReviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), revisionId: idNumber(), comment: optionalText(500) }),
  z.object({ intent: z.literal("return"), revisionId: idNumber(), comment: requiredText(500) }),
]);

export const AnswerSchema = z.object({
  intent: z.literal("answer"),
  rectificationId: idNumber(),
  response: requiredText(1000),
  photos: photosField,
});

export const ReportStatusSchema = z
  .object({
    intent: z.literal("report"),
    reportId: idNumber(),
    status: choice(REPORT_STATUS_VALUES),
    resolution: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.status === "resolved" && !v.resolution) ctx.addIssue({ code: z.ZodIssueCode.custom, message: own("resolution"), path: ["resolution"] });
  });

/** A parent's report. `website` is the honeypot: people never see it, bots fill it in. */
export const PublicReportSchema = z.object({
  category: choice(REPORT_CATEGORY_VALUES),
  details: optionalText(500),
  contact: optionalText(100),
  website: z.string().optional(),
});
