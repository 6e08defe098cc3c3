import { z } from "zod";

import { CRS_VALUES } from "~/domain/registry/vocabulary";
import { idNumber } from "./numbers";

export const MAX_IMPORT_FILE_MB = 10;
export const MAX_IMPORT_FILE_BYTES = MAX_IMPORT_FILE_MB * 1024 * 1024;
const ACCEPTED = /\.(csv|txt|xlsx|geojson|json)$/i;

const flag = z.preprocess((v) => v === "1" || v === "on" || v === "true", z.boolean());

/** The administrators' upload form: a dry run of a new file, or the import of a file already dry-run. */
export const ImportFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("dry-run"),
    file: z
      .instanceof(File, { message: "请选择文件" })
      .refine((f) => f.size > 0, "文件是空的")
      .refine((f) => f.size <= MAX_IMPORT_FILE_BYTES, `文件不能超过 ${MAX_IMPORT_FILE_MB} MB`)
      .refine((f) => ACCEPTED.test(f.name), "只接受 .csv、.xlsx、.geojson、.json 文件"),
    crs: z.enum(CRS_VALUES, { message: "请选择坐标系" }).default("wgs84"),
    publish: flag,
  }),
  z.object({ intent: z.literal("import"), uploadId: idNumber() }),
]);
export type ImportForm = z.infer<typeof ImportFormSchema>;
