// Leftovers a newcomer found trying to break the built app (issue 10):
// one address per room (non-canonical ids are 404), strict on/off query
// parameters (refused in the page's language), and the language chosen from
// Accept-Language.
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { seedDemo } from "#db/seed";

import { QueryProblems } from "~/components/error-boundary";
import { i18nConfig, languageFromAcceptLanguage, resources } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import type { QueryErrorData } from "~/utils/http.server";
import { applyPageCache, varyByVisitor } from "~/utils/page-cache.server";
import { SharedCache } from "~/utils/shared-cache.server";

import { createTestDb } from "../helpers/db";
import { callRoute } from "../helpers/routes";
import { userWithSession } from "../helpers/sessions";

let db: Db;
let cleanup: () => void;
let roomId: number;

beforeAll(() => {
  const test = createTestDb();
  ({ db, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  seedDemo(db, { rooms: 20 });
  roomId = db.$client.prepare("SELECT id FROM rooms WHERE status = 'published' ORDER BY id LIMIT 1").pluck().get() as number;
});
afterAll(() => cleanup());

const run = callRoute;

describe("a record id in a path: only the canonical decimal is an address", () => {
  const forms = (id: number) => [`0${id}`, `00${id}`, `+${id}`, `${id}.0`, ` ${id}`, `${id} `, `${id}e0`, `0x${id.toString(16)}`, "0", "-1", "abc", ""];

  it("serves /rooms/N and answers 404 for every other spelling of N", async () => {
    const get = (id: string) => run("rooms.$id.tsx", "loader", new Request(`http://localhost/rooms/${encodeURIComponent(id)}`), { id });
    expect((await get(String(roomId))).status).toBe(200);
    for (const id of forms(roomId)) expect((await get(id)).status, JSON.stringify(id)).toBe(404);
    // 5.7e1 is 57 in JavaScript: not an address either.
    expect((await get(`${roomId / 10}e1`)).status).toBe(404);
  });

  it("the public report form posts only to the canonical address", async () => {
    const post = (id: string) =>
      run("rooms.$id.tsx", "action", new Request(`http://localhost/rooms/${id}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "intent=report" }), { id });
    expect((await post(`0${roomId}`)).status).toBe(404);
  });

  it.each([
    ["inspect.rooms.$id._index.tsx", "id", "inspector"],
    ["inspect.rooms.$id.check.tsx", "id", "inspector"],
    ["manage.rooms.$id.tsx", "id", "manager"],
    ["manage.rooms.$id_.rectifications.tsx", "id", "manager"],
    ["rooms.$id_.sign[.]pdf.ts", "id", "manager"],
    ["manage.place.$holdId.tsx", "holdId", "manager"],
    ["admin.imports.$id.tsx", "id", "admin"],
    ["admin.imports_.$id.report[.]csv.ts", "id", "admin"],
    ["admin.import_.$jobId.report[.]csv.ts", "jobId", "admin"],
  ] as const)("%s: 404 for 0N, +N, N.0", async (file, key, role) => {
    const { cookie } = await userWithSession(db, role, { districtCodes: ["310101"] });
    for (const id of [`0${roomId}`, `+${roomId}`, `${roomId}.0`, "abc"]) {
      const response = await run(file, "loader", new Request(`http://localhost/x/${id}`, { headers: { Cookie: cookie } }), { [key]: id });
      expect(response.status, `${file} ${id}`).toBe(404);
    }
  });
});

describe("on/off query parameters are strict", () => {
  const get = async (file: string, query: string) => {
    const response = await run(file, "loader", new Request(`http://localhost/x?${query}`));
    const text = await response.text();
    return { status: response.status, text };
  };
  const NEAR = "lat=31.2304&lng=121.4737";

  it.each([
    ["api.rooms.nearest.ts", `${NEAR}&open=yes`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&open=true`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&open=2`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&open=on`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&open=1&open=1`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&verified=yes`, "verified"],
    ["api.map.ts", "bbox=121,31,122,32&zoom=10&open=true", "open"],
    ["api.rooms[.]geojson.ts", "verified=no", "verified"],
    ["_index.tsx", "open=yes", "open"],
    ["_index.tsx", "verified=true", "verified"],
    ["_index.tsx", "near=yes", "near"],
    ["coverage[.]csv.ts", "gaps=true", "gaps"],
  ])("%s?%s → 400 naming %s", async (file, query, parameter) => {
    const { status, text } = await get(file, query);
    expect(status).toBe(400);
    expect(text).toContain(parameter);
  });

  it("accepts the documented values: 1 for on; absent, blank or 0 for off", async () => {
    for (const query of ["open=1", "open=0", "open=", "", "verified=1"]) {
      expect((await get("api.rooms.nearest.ts", `${NEAR}&${query}`)).status, query).toBe(200);
    }
    expect((await get("_index.tsx", "open=1&verified=1")).status).toBe(200);
    expect((await get("coverage[.]csv.ts", "gaps=1")).status).toBe(200);
  });

  it("open=1 filters, open=0 does not", async () => {
    const ids = async (query: string) => {
      const response = await run("api.rooms.nearest.ts", "loader", new Request(`http://localhost/x?${NEAR}&limit=100&${query}`));
      return ((await response.json()) as { rooms: { id: number; openNow: string }[] }).rooms;
    };
    const all = await ids("open=0");
    const open = await ids("open=1");
    expect(open.every((r) => r.openNow === "open")).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(open.length);
  });
});

describe("a refused parameter is worded in the page's language, naming it", () => {
  const pageError = async (file: string, query: string, cookie?: string) => {
    const response = await run(file, "loader", new Request(`http://localhost/x?${query}`, { headers: cookie ? { Cookie: cookie } : {} }));
    expect(response.status).toBe(400);
    return (await response.json()) as QueryErrorData;
  };
  const render = async (lng: "zh" | "en", parameters: Record<string, string>) => {
    const i18n = createInstance();
    await i18n.init({ ...i18nConfig, resources, lng });
    return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(QueryProblems, { parameters })));
  };
  /** The page's text without the parameter names: no English words may be left on a Chinese page. */
  const englishWords = (html: string, names: string[]) => html.replace(/<[^>]+>/g, " ").split(new RegExp(`\\b(?:${names.join("|")})\\b`)).join(" ").match(/[A-Za-z]{2,}/g) ?? [];

  it.each([
    ["_index.tsx", "open=yes&lat=0x1F&lng=121.47&stars=9", { open: "只能是 1（开）或 0（关），或不填", lat: "必须是数字", stars: "必须在 1 到 5 之间" }, { open: "must be 1 (on) or 0 (off), or left out", lat: "must be a number", stars: "must be between 1 and 5" }],
    ["_index.tsx", "lat=39.9&lng=116.4", { lat: "不在本登记册服务的区域内", lng: "不在本登记册服务的区域内" }, { lat: "outside the area this registry serves", lng: "outside the area this registry serves" }],
    ["_index.tsx", "acc=1e3&lat=31.23&lng=121.47&near=true", { acc: "必须是数字", near: "只能是 1" }, { acc: "must be a number", near: "must be 1" }],
    ["coverage.tsx", "gaps=on&page=2.5&radius=700", { gaps: "只能是 1", page: "必须是整数", radius: "500, 800, 1000, 1500" }, { gaps: "must be 1", page: "must be a whole number", radius: "must be one of 500, 800, 1000, 1500" }],
  ])("%s?%s", async (file, query, zh, en) => {
    const { parameters } = await pageError(file, query);
    expect(Object.keys(parameters).sort()).toEqual(Object.keys(zh).sort());
    const chinese = await render("zh", parameters);
    for (const [name, text] of Object.entries(zh)) {
      expect(chinese).toContain(`参数 ${name}：`);
      expect(chinese).toContain(text);
    }
    expect(englishWords(chinese, Object.keys(zh))).toEqual([]);
    const english = await render("en", parameters);
    for (const [name, text] of Object.entries(en)) expect(english).toContain(`${name}: ${text}`);
    expect(english).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("the inspectors' work list too; a reason without words of ours says only that the value cannot be used", async () => {
    const { cookie } = await userWithSession(db, "inspector", { districtCodes: ["310101"] });
    const { parameters } = await pageError("inspect._index.tsx", "sort=oldest&street=12", cookie);
    const chinese = await render("zh", parameters);
    expect(chinese).toContain("参数 street：必须是 9 位街道代码");
    expect(chinese).toContain("参数 sort：必须是以下之一：");
    expect(await render("zh", { size: "Invalid enum value. Expected 'a5' | 'a4', received 'a3'" })).toContain("参数 size 的值无法使用");
    expect(await render("en", { size: "Invalid enum value. Expected 'a5' | 'a4', received 'a3'" })).toContain("size: Invalid enum value.");
  });

  it("JSON answers say the same in English, never an i18n key", async () => {
    const response = await run("api.rooms.nearest.ts", "loader", new Request("http://localhost/x?lat=31.23&lng=abc&open=yes&limit=500"));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; details: Record<string, string> };
    expect(body.details).toEqual({ lng: "must be a number", open: "must be 1 (on) or 0 (off), or left out", limit: "must be between 1 and 100" });
    expect(body.error).toMatch(/^Invalid query parameter — /);
    for (const [name, text] of Object.entries(body.details)) expect(body.error).toContain(`${name}: ${text}`);
    const far = (await (await run("api.rooms.nearest.ts", "loader", new Request("http://localhost/x?lat=39.9&lng=116.4"))).json()) as { details: Record<string, string> };
    expect(far.details).toEqual({ lat: "outside the area this registry serves", lng: "outside the area this registry serves" });
  });
});

describe("the language: ?lang=, then the cookie, then Accept-Language, else Chinese", () => {
  it.each([
    ["en", "en"],
    ["en-US,en;q=0.9", "en"],
    ["en-GB", "en"],
    ["fr-FR, en;q=0.5", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh"],
    ["zh-TW", "zh"],
    ["zh-HK,en;q=0.9", "zh"],
    ["zh-Hant-TW", "zh"],
    ["en;q=0.5, zh;q=0.8", "zh"],
    ["en;q=0, fr", null],
    ["fr, de", null],
    ["*", null],
    ["", null],
  ])("Accept-Language %j → %s", (header, expected) => {
    expect(languageFromAcceptLanguage(header)).toBe(expected);
  });

  const rootLang = async (headers: Record<string, string>, query = "") => {
    const response = await run("../root.tsx", "loader", new Request(`http://localhost/${query}`, { headers }));
    return ((await response.json()) as { lang: string }).lang;
  };

  it("the root loader (every page) follows Accept-Language when nothing was chosen", async () => {
    expect(await rootLang({ "Accept-Language": "en" })).toBe("en");
    expect(await rootLang({ "Accept-Language": "en-US,en;q=0.9" })).toBe("en");
    expect(await rootLang({ "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8" })).toBe("zh");
    expect(await rootLang({ "Accept-Language": "ja" })).toBe("zh");
    expect(await rootLang({})).toBe("zh");
    // A choice beats the browser: ?lang= and the cookie it leaves.
    expect(await rootLang({ "Accept-Language": "en" }, "?lang=zh")).toBe("zh");
    const { languageCookie } = await import("~/i18n/i18next.server");
    const cookie = (await languageCookie.serialize("zh")).split(";")[0]!;
    expect(await rootLang({ "Accept-Language": "en", Cookie: cookie })).toBe("zh");
  });

  it("pages and page data say Vary: Cookie, Accept-Language once (entry.server.tsx)", () => {
    const headers = new Headers();
    varyByVisitor(headers);
    varyByVisitor(headers);
    expect(headers.get("Vary")).toBe("Cookie, Accept-Language");
    const already = new Headers({ Vary: "accept-language" });
    varyByVisitor(already);
    expect(already.get("Vary")).toBe("accept-language, Cookie");
  });

  it("the shared cache and page ETags never hand one language's page to the other", async () => {
    let renders = 0;
    // Stand-in for entry.server: the page in the detected language, with the page cache's headers.
    const page = async (request: Request) => {
      renders++;
      const lang = await i18next.getLocale(request);
      const headers = new Headers({ "Content-Type": "text/html; charset=utf-8" });
      const html = `<html lang="${lang}">${lang === "en" ? "Baby rooms" : "母婴室"}</html>`;
      return applyPageCache(request, headers, html) ?? new Response(html, { headers });
    };
    const handler = new SharedCache({ version: () => 1 }).wrap(page);
    const get = async (acceptLanguage: string, etag?: string) => {
      const response = await handler(new Request("http://localhost/", { headers: { Accept: "text/html", "Accept-Language": acceptLanguage, ...(etag ? { "If-None-Match": etag } : {}) } }));
      return { status: response.status, body: await response.text(), etag: response.headers.get("ETag") ?? "", vary: response.headers.get("Vary") };
    };
    const chinese = await get("zh-CN,zh;q=0.9");
    expect(chinese.body).toContain("母婴室");
    expect(chinese.vary).toBe("Cookie, Accept-Language");
    expect((await get("zh-CN,zh;q=0.9")).body).toBe(chinese.body);
    expect(renders).toBe(1); // the second Chinese visitor came from the cache
    const english = await get("en-US,en;q=0.9");
    expect(english.body).toContain("Baby rooms");
    expect(english.etag).not.toBe(chinese.etag);
    // An English visitor holding the Chinese copy's ETag gets the English page, not a 304.
    const revalidated = await get("en-US,en;q=0.9", chinese.etag);
    expect(revalidated.status).toBe(200);
    expect(revalidated.body).toContain("Baby rooms");
    expect((await get("zh-TW", english.etag)).body).toContain("母婴室");
    expect((await get("zh-CN,zh;q=0.9", chinese.etag)).status).toBe(304);
  });
});

describe("the demo notice", () => {
  const home = async () => {
    const response = await run("_index.tsx", "loader", new Request("http://localhost/"));
    return ((await response.json()) as { demoData: boolean }).demoData;
  };

  it("shows while demo rooms are public, and not once only real rooms are", async () => {
    expect(await home()).toBe(true);
    const demoIds = db.$client.prepare("SELECT id FROM rooms WHERE is_demo = 1").pluck().all() as number[];
    try {
      // As after an operator's real import: the rooms on the map are real.
      db.$client.prepare("UPDATE rooms SET is_demo = 0").run();
      expect(await home()).toBe(false);
      // A demo room that is not public (a draft) does not count either.
      db.$client.prepare("UPDATE rooms SET is_demo = 1 WHERE status = 'draft'").run();
      expect(await home()).toBe(false);
    } finally {
      db.$client.prepare(`UPDATE rooms SET is_demo = 1 WHERE id IN (${demoIds.join(",")})`).run();
    }
  });

  it("asks through the partial index, never reading every room", () => {
    const plan = db.$client
      .prepare("EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1 FROM rooms WHERE is_demo = 1 AND status NOT IN ('draft', 'pending'))")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join("\n")).toContain("rooms_demo_idx");
  });
});
