import { readFileSync } from "node:fs";
import { convertChineseHours } from "./app/domain/import/hours-zh";
const xs: string[] = JSON.parse(readFileSync("/tmp/phr.json", "utf8"));
for (const x of xs) { const r = convertChineseHours(x); console.log(JSON.stringify(x).padEnd(40), "→", r.status === "converted" ? r.openingHours : r.status === "unconverted" ? "UNCONVERTED: " + r.reason : "empty"); }
