// Spreadsheet safety in every CSV download: a name such as =HYPERLINK(...)
// must reach Excel as text ('=HYPERLINK...), never as a live formula, while
// numbers stay numbers. One table of routes; each is called as the browser
// would, against a real database whose names all look like formulas.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { seedDemo } from "#db/seed";
import { recomputeCoverageSnapshot } from "~/services/coverage.server";
import { csvCell, toCsvText } from "~/utils/csv";

import { createTestDb } from "../helpers/db";
import { userWithSession } from "../helpers/sessions";

let db: Db;
let cleanup: () => void;

beforeAll(() => {
  const test = createTestDb();
  ({ db, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  seedDemo(db, { rooms: 30 });
  // Every name a spreadsheet could run: = + - @ tab and carriage return at the start.
  db.$client.exec(`
    UPDATE venues SET name = '=HYPERLINK("http://evil.example","点我")' || id, address = '@SUM(1+1)' || id;
    UPDATE rooms SET name = '+cmd|'' /C calc''!A0' || id;
    UPDATE streets SET name = '-2+3' || code;
    UPDATE districts SET name = char(9) || '=1+1' || name WHERE code = '310101';
    UPDATE districts SET name = char(13) || '=1+1' || name WHERE code = '310104';
  `);
  // Coverage figures come from a background job (recompute per radius); run it here as the runner would.
  recomputeCoverageSnapshot(db, 1000, new Date());
});
afterAll(() => cleanup());

const ROUTES = [
  { name: "/api/rooms.csv", file: "api.rooms[.]csv", url: "/api/rooms.csv", role: null },
  { name: "/inspect/worklist.csv", file: "inspect.worklist[.]csv", url: "/inspect/worklist.csv", role: "admin" as const },
  { name: "/coverage.csv (districts)", file: "coverage[.]csv", url: "/coverage.csv?level=district", role: null },
  { name: "/admin/streets.csv", file: "admin.streets[.]csv", url: "/admin/streets.csv", role: "admin" as const },
];

async function download(route: (typeof ROUTES)[number]): Promise<string> {
  const { loader } = (await import(`../../app/routes/${route.file}.ts`)) as { loader: (args: unknown) => Promise<Response> | Response };
  const headers = new Headers();
  if (route.role) headers.set("Cookie", (await userWithSession(db, route.role)).cookie);
  const response = await loader({ request: new Request(`http://localhost${route.url}`, { headers }), params: {}, context: {} });
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
  return response.text();
}

const DANGEROUS_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

describe.each(ROUTES)("$name", (route) => {
  it("writes no cell a spreadsheet would run, and keeps numbers as numbers", async () => {
    const text = await download(route);
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(rows.length).toBeGreaterThan(2);
    const cells = rows.flat();
    const risky = cells.filter((c) => DANGEROUS_START.test(c) && !PLAIN_NUMBER.test(c));
    expect(risky).toEqual([]);
    // The formula-looking names are there, neutralised with a leading apostrophe.
    expect(cells.some((c) => /^'[=+\-@\t\r]/.test(c))).toBe(true);
    // Numbers are written bare (no apostrophe, no quotes).
    expect(cells.some((c) => PLAIN_NUMBER.test(c))).toBe(true);
    expect(cells.some((c) => /^'-?\d+(\.\d+)?$/.test(c))).toBe(false);
  });
});

describe("csvCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@A1", "'@A1"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ['=HYPERLINK("a","b")', `"'=HYPERLINK(""a"",""b"")"`],
    ["a,b", '"a,b"'],
    ["母婴室", "母婴室"],
    [-3, "-3"],
    [12.5, "12.5"],
    [Number.NaN, ""],
    [null, ""],
    [true, "yes"],
  ] as const)("%j → %s", (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it("writes a BOM, a header line and CRLF line ends", () => {
    expect(toCsvText(["a", "b"], [[1, "=x"]])).toBe("\uFEFFa,b\r\n1,'=x\r\n");
  });
});
