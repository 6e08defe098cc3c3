// npm run import -- <file> [--format csv|xlsx|geojson|json] [--crs wgs84|gcj02|bd09]
//   [--mapping mapping.json] [--source NAME] [--dry-run] [--publish]
//   [--batch-size N] [--pause-ms N] [--all] [--json] [--lang zh|en]
// Imports rooms into DATABASE_PATH and prints the report. Run the same command
// again after a crash: it resumes where the last committed batch ended.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { z } from "zod";

import { createDb, migrateDb } from "#db/client";
import { listDistricts } from "#db/queries/areas";
import { MappingSchema } from "~/domain/import/columns";
import { CRS_VALUES } from "~/domain/registry/vocabulary";
import { IMPORT_FORMATS } from "~/services/import-read.server";
import { runImport } from "~/services/import.server";
import { formatImportReport } from "~/services/import-report";
import { getEnv, getServiceArea } from "~/utils/env.server";
import { AppError } from "~/utils/http.server";

const ArgsSchema = z.object({
  file: z.string({ required_error: "give the file to import" }).min(1),
  format: z.enum(IMPORT_FORMATS).optional(),
  crs: z.enum(CRS_VALUES).optional(),
  mapping: z.string().optional(),
  source: z.string().min(1).max(100).optional(),
  "dry-run": z.boolean().default(false),
  publish: z.boolean().default(false),
  "batch-size": z.coerce.number().int().min(1).max(100_000).optional(),
  "pause-ms": z.coerce.number().int().min(0).max(60_000).optional(),
  all: z.boolean().default(false),
  json: z.boolean().default(false),
  /** The language of the report's reasons and warnings (--json gives their codes). */
  lang: z.enum(["zh", "en"]).default("zh"),
});

function fail(message: string): never {
  console.error(`import: ${message}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: "string" },
    crs: { type: "string" },
    mapping: { type: "string" },
    source: { type: "string" },
    "dry-run": { type: "boolean" },
    publish: { type: "boolean" },
    "batch-size": { type: "string" },
    "pause-ms": { type: "string" },
    all: { type: "boolean" },
    json: { type: "boolean" },
    lang: { type: "string" },
  },
});
const parsed = ArgsSchema.safeParse({ ...values, file: positionals[0] });
if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("; "));
const args = parsed.data;

let mapping;
if (args.mapping) {
  const result = MappingSchema.safeParse(JSON.parse(readFileSync(args.mapping, "utf8")));
  if (!result.success) fail(`mapping ${args.mapping}: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  mapping = result.data;
}

const db = createDb(getEnv().DATABASE_PATH);
try {
  migrateDb(db);
  if (listDistricts(db).length === 0) fail("the database has no districts yet: run `npm run db:seed` first (it loads the reference data only: districts, streets and the star checklist; no demo rooms or accounts)");
  const report = await runImport(
    db,
    readFileSync(args.file),
    {
      fileName: args.file,
      format: args.format,
      crs: args.crs,
      mapping,
      source: args.source,
      dryRun: args["dry-run"],
      publish: args.publish,
      batchSize: args["batch-size"],
      pauseMs: args["pause-ms"],
      // One line per committed batch: progress for people, and what the crash test waits for.
      onBatch: ({ runId, processedRows, totalRows }) => console.error(`run ${runId}: committed ${processedRows}/${totalRows} rows`),
    },
    getServiceArea(),
  );
  console.log(args.json ? JSON.stringify(report, null, 2) : formatImportReport(report, { allRows: args.all, lang: args.lang }));
} catch (error) {
  if (error instanceof AppError) fail(error.message);
  throw error;
} finally {
  db.$client.close();
}
