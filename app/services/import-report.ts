// The import report as plain text, for the command line.
import type { Language } from "~/i18n/config";
import { importMessagesText } from "~/i18n/import-messages";

import type { ImportReport } from "./import.server";

const ACTION_LABEL = { create: "新建 create", update: "更新 update", skip: "跳过 skip", reject: "拒绝 reject", hold: "待审 hold" } as const;

export function formatImportReport(report: ImportReport, { allRows, lang = "zh" }: { allRows: boolean; lang?: Language }): string {
  const lines: string[] = [];
  const title = report.dryRun ? "试运行（未写入任何数据） dry run, nothing written" : `导入完成 import run #${report.runId}`;
  lines.push(`${title}: ${report.fileName} (${report.format}${report.encoding ? `, ${report.encoding}` : ""}, ${report.crs}, source "${report.source}")`);
  if (report.resumedAfterRow !== null) lines.push(`续传 resumed: rows 1-${report.resumedAfterRow} of the file were committed by an earlier attempt`);
  lines.push(`列 columns: ${report.columns.map((c) => `${c.header}→${c.target}`).join(", ")}`);
  const c = report.counts;
  lines.push(`共 ${report.totalRows} 行 rows: ${c.create} create, ${c.update} update, ${c.skip} skip, ${c.reject} reject, ${c.hold} held for review`);
  if (c.hold > 0) lines.push(`待审 held: ${report.held.position_needed} position needed (待定位), ${report.held.possible_duplicate} possible duplicate (可能重复) — see /inspect/review`);
  const h = report.hours;
  lines.push(`开放时间 hours: ${h.converted} converted, ${h.unconverted} kept as text (hours unknown), ${h.empty} empty`);
  lines.push(`状态 status of new rooms: ${report.publish ? "published" : "pending review"}`);
  const shown = report.rows.filter((r) => allRows || r.action !== "create" || r.warnings.length > 0);
  if (shown.length > 0) lines.push("", "行 row\t结果 action\t名称 name\t原因 reason / 提示 warnings");
  for (const row of shown) {
    const notes = importMessagesText([row.reason, ...row.warnings], lang);
    lines.push(`${row.row}\t${ACTION_LABEL[row.action]}\t${row.name ?? ""}${row.roomId ? ` #${row.roomId}` : ""}\t${notes}`);
  }
  if (!allRows && shown.length < report.rows.length) lines.push(`(${report.rows.length - shown.length} plain creates not listed; --all lists every row, --json gives everything)`);
  return lines.join("\n");
}
