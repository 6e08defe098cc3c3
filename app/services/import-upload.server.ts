// The administrators' upload page: a dry run keeps the file (so the import
// that follows runs on exactly the bytes that were checked), the import runs
// the same core as the command line.
import { createHash } from "node:crypto";

import type { Db } from "#db/client";
import { getUpload, saveUpload } from "#db/queries/imports";
import type { Crs } from "~/domain/registry/vocabulary";
import type { ServiceArea } from "~/domain/service-area/service-area";
import { AppError } from "~/utils/http.server";

import { type ImportReport, runImport } from "./import.server";

type UploadOptions = { crs: Crs; publish: boolean };

export async function dryRunUpload(
  db: Db,
  input: { fileName: string; bytes: Buffer; uploadedBy: number } & UploadOptions,
  area: ServiceArea,
): Promise<{ uploadId: number; report: ImportReport }> {
  const options = { crs: input.crs, publish: input.publish };
  // Reading and checking come first: a file that cannot be read is not kept.
  const report = await runImport(db, input.bytes, { fileName: input.fileName, ...options, dryRun: true }, area);
  const uploadId = saveUpload(db, {
    fileName: input.fileName,
    sha256: createHash("sha256").update(input.bytes).digest("hex"),
    content: input.bytes,
    options,
    uploadedBy: input.uploadedBy,
  });
  return { uploadId, report };
}

export async function importUpload(db: Db, uploadId: number, area: ServiceArea): Promise<ImportReport> {
  const upload = getUpload(db, uploadId);
  if (!upload) throw new AppError("找不到这次上传，请重新上传文件", 404, { uploadId: "not found" });
  const options = upload.options as UploadOptions;
  return runImport(db, upload.content, { fileName: upload.fileName, crs: options.crs, publish: options.publish, dryRun: false }, area);
}
