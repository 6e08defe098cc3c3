// The heavy libraries that only some requests use are loaded on first use
// (app/utils/load-once.server.ts, decision 024), never by starting the server.
// This walks the static import graph the production server loads at start:
// its start-up (scripts/serve.ts, scripts/cluster.ts) and everything Remix's
// server build evaluates (entry.server, root, every route module). `import type`
// and `import()` are not followed: only top-level value imports load code at start.
// A top-level `import * as echarts from "echarts"` in any module reached from
// there fails this test, with the chain of imports that reaches it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Loaded on first use only; their cost at rest (heap, resident memory, load time) is in decision 024. */
const LAZY_LIBRARIES = ["echarts", "zrender", "exceljs", "jszip", "archiver", "unzipper", "pdfkit", "fontkit", "qrcode", "nodemailer", "pinyin-pro", "sharp", "chardet", "papaparse"];

const root = resolve(import.meta.dirname, "../..");
const CODE = [".ts", ".tsx", ".mjs", ".js"];

function resolveLocal(from: string, specifier: string): string | undefined {
  const path = specifier.replace(/\?.*$/, "");
  const base = path.startsWith("~/") ? join(root, "app", path.slice(2)) : path.startsWith("#db/") ? join(root, "db", path.slice(4)) : resolve(dirname(from), path);
  const stem = base.replace(/\.(js|mjs)$/, "");
  const candidates = [base, ...CODE.map((ext) => stem + ext), ...CODE.map((ext) => join(base, `index${ext}`))];
  return candidates.find((file) => CODE.some((ext) => file.endsWith(ext)) && existsSync(file));
}

const isLocal = (specifier: string) => specifier.startsWith(".") || specifier.startsWith("~/") || specifier.startsWith("#db/");
const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

/** The specifiers a module imports at its top level for their values (type-only imports and import() left out). */
function valueImports(code: string): string[] {
  const source = ts.createSourceFile("module.ts", code, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly || (clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every package the modules reachable from `entries` import at start, each with one chain of modules that reaches it. */
function packagesLoadedAtStart(entries: string[]): { modules: Set<string>; packages: Map<string, string[]> } {
  const modules = new Set<string>();
  const packages = new Map<string, string[]>();
  const queue: { file: string; chain: string[] }[] = entries.map((file) => ({ file, chain: [relative(root, file)] }));
  while (queue.length > 0) {
    const { file, chain } = queue.shift()!;
    if (modules.has(file)) continue;
    modules.add(file);
    for (const specifier of valueImports(readFileSync(file, "utf8"))) {
      if (!isLocal(specifier)) {
        if (!specifier.startsWith("node:") && !packages.has(packageOf(specifier))) packages.set(packageOf(specifier), [...chain, specifier]);
        continue;
      }
      const target = resolveLocal(file, specifier);
      // Remix empties *.client.tsx modules in the server build: what they import never loads on the server.
      if (target && !/\.client\.tsx?$/.test(target)) queue.push({ file: target, chain: [...chain, relative(root, target)] });
    }
  }
  return { modules, packages };
}

const routeModules = readdirSync(join(root, "app/routes"))
  .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
  .map((name) => join(root, "app/routes", name));
const entries = [join(root, "scripts/serve.ts"), join(root, "scripts/cluster.ts"), join(root, "app/entry.server.tsx"), join(root, "app/root.tsx"), ...routeModules];

describe("libraries loaded at start", () => {
  const { modules, packages } = packagesLoadedAtStart(entries);

  it("sees the whole server: the services behind the pages and the packages they need at once", () => {
    for (const file of ["app/services/dashboard.server.ts", "app/services/charts.server.ts", "app/services/door-sign.server.ts", "app/services/table-export.server.ts", "app/services/photos.server.ts", "app/services/mail.server.ts"]) {
      expect(modules.has(join(root, file)), file).toBe(true);
    }
    // Loaded eagerly on purpose: every public page or the server itself needs them.
    for (const name of ["better-sqlite3", "express", "opening_hours", "supercluster", "react-dom"]) expect(packages.has(name), name).toBe(true);
  });

  it("loads none of the heavy libraries that only some requests use", () => {
    const loaded = LAZY_LIBRARIES.filter((name) => packages.has(name)).map((name) => `${name}: ${packages.get(name)!.join(" → ")}`);
    expect(loaded, "import these with loadOnce(() => import(...)) where they are used (app/utils/load-once.server.ts)").toEqual([]);
  });

  it("counts a top-level import, not a type import or an import() on first use", () => {
    const code = [
      'import * as echarts from "echarts";',
      'import type { EChartsOption } from "echarts";',
      'import { type Metadata } from "sharp";',
      'import "chardet";',
      'export { pinyin } from "pinyin-pro";',
      'const loadExcelJs = () => import("exceljs");',
    ].join("\n");
    expect(valueImports(code)).toEqual(["echarts", "chardet", "pinyin-pro"]);
  });
});
