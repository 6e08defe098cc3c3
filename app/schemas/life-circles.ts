import { z } from "zod";

export const MAX_CIRCLE_FILE_MB = 20;

/** The admin upload form for life circles (GeoJSON). Messages are i18n keys under coverage.upload. */
export const CircleUploadSchema = z.object({
  file: z
    .instanceof(File, { message: "coverage.upload.fileRequired" })
    .refine((f) => f.size > 0, "coverage.upload.fileRequired")
    .refine((f) => f.size <= MAX_CIRCLE_FILE_MB * 1024 * 1024, "coverage.upload.fileTooLarge"),
  skipInvalid: z.boolean().default(false),
});
