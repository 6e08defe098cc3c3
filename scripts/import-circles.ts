// npm run circles:import -- file.geojson [--skip-invalid]: replace the life
// circles with those in a GeoJSON file (WGS-84 Polygon/MultiPolygon features
// with properties code, name, district, street?, residents?). A file with any
// bad feature changes nothing unless --skip-invalid is given.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";

import { createDb, migrateDb } from "#db/client";
import { formatProblems, importLifeCircles } from "~/services/life-circles.server";
import { getEnv } from "~/utils/env.server";

const USAGE = "Usage: npm run circles:import -- file.geojson [--skip-invalid]";

let parsed: ReturnType<typeof parseArgs<{ options: { "skip-invalid": { type: "boolean" } }; allowPositionals: true }>>;
try {
  parsed = parseArgs({ options: { "skip-invalid": { type: "boolean" } }, allowPositionals: true, strict: true });
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const [file, ...extra] = parsed.positionals;
if (!file || extra.length > 0) {
  console.error(USAGE);
  process.exit(2);
}

let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (error) {
  console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const db = createDb(getEnv().DATABASE_PATH);
try {
  migrateDb(db);
  const result = importLifeCircles(db, text, { source: basename(file), skipInvalid: parsed.values["skip-invalid"] ?? false });
  if (result.ok) {
    console.log(`Imported ${result.circles} life circles from ${file}; ${result.roomsAssigned} rooms lie in a circle, ${result.roomsOutside} outside every circle.`);
    if (result.skipped.length > 0) console.log(`Skipped ${result.skipped.length} bad features:\n  ${formatProblems(result.skipped).join("\n  ")}`);
  } else {
    if (result.fileProblem) console.error(`Refused ${file}: ${result.fileProblem}`);
    if (result.problems.length > 0) {
      console.error(`Refused ${file}: ${result.problems.length} bad features (nothing imported; the previous circles stay):\n  ${formatProblems(result.problems).join("\n  ")}`);
      console.error("Fix them, or run again with --skip-invalid to import the others.");
    }
    process.exitCode = 1;
  }
} finally {
  db.$client.close();
}
