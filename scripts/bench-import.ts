// npm run bench:import [-- --rows 10000 --batch-size 500]
// Generates a messy-but-valid CSV of N rooms (GBK-free UTF-8, Chinese hours,
// some duplicates), imports it into a temporary database (dry run, real run,
// then a re-import of the same file) and prints rows per second for each.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { createDb, migrateDb } from "#db/client";
import { loadShanghaiDivisions, loadShanghaiOutlines } from "#db/queries/areas";
import { SHANGHAI } from "~/domain/service-area/service-area";
import { runImport } from "~/services/import.server";

const { values } = parseArgs({ options: { rows: { type: "string", default: "10000" }, "batch-size": { type: "string", default: "500" } } });
const rows = Number(values.rows);
const batchSize = Number(values["batch-size"]);

const HOURS = ["每天 10:00-22:00", "周一至周五 08:30-17:30", "工作日 9:00-17:00，节假日休息", "全天", "与商场营业时间一致", "周二至周日 9:00-17:00，周一闭馆", "1.週日至週四 10:00~22:00 2.週五至週六 10:00~22:30"];
const TYPES = ["购物中心", "医院", "地铁站", "公园", "图书馆", "政务服务中心"];
const DISTRICTS = [["黄浦区", 121.47, 31.225], ["徐汇区", 121.43, 31.18], ["浦东新区", 121.55, 31.22], ["闵行区", 121.4, 31.1], ["杨浦区", 121.52, 31.28]] as const;

function csv(n: number): Buffer {
  const lines = ["编号,场所名称,母婴室名称,区,场所类型,地址,经度,纬度,开放时间,楼层,设施,备注"];
  for (let i = 0; i < n; i++) {
    const [district, lng0, lat0] = DISTRICTS[i % DISTRICTS.length]!;
    // Rooms on a grid ~120 m apart within each district, so nearby-duplicate checks have neighbours to look at.
    const k = Math.floor(i / DISTRICTS.length);
    const lng = lng0 + (k % 100) * 0.0013;
    const lat = lat0 + Math.floor(k / 100) * 0.0011;
    lines.push([`B-${i}`, `基准场所${i}`, "母婴室", district, TYPES[i % TYPES.length], `测试路${i}号`, lng.toFixed(6), lat.toFixed(6), `"${HOURS[i % HOURS.length]}"`, `${(i % 5) + 1}F`, "护理台、哺乳椅、温水", "导入基准"].join(","));
  }
  return Buffer.from(lines.join("\r\n") + "\r\n");
}

const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
try {
  const db = createDb(join(dir, "bench.db"));
  migrateDb(db);
  loadShanghaiDivisions(db);
  loadShanghaiOutlines(db);
  const bytes = csv(rows);
  console.log(`bench:import — ${rows} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB CSV, batch size ${batchSize}, Node ${process.version}`);
  const options = { fileName: "bench.csv", publish: false, batchSize };
  for (const [label, dryRun] of [["dry run", true], ["real run", false], ["re-import (all skip)", false]] as const) {
    const started = performance.now();
    const report = await runImport(db, bytes, { ...options, dryRun }, SHANGHAI);
    const seconds = (performance.now() - started) / 1000;
    const c = report.counts;
    console.log(
      `${label.padEnd(22)} ${seconds.toFixed(2).padStart(6)} s  ${Math.round(rows / seconds).toLocaleString("en").padStart(7)} rows/s  (create ${c.create}, update ${c.update}, skip ${c.skip}, reject ${c.reject}; hours converted ${report.hours.converted})`,
    );
  }
  db.$client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
