// The multipart reader on real request bodies (built by undici's FormData, as a browser would send them).
import { describe, expect, it } from "vitest";

import { AppError } from "./http.server";
import { FileTooLargeError, memoryFiles, parseMultipartForm } from "./multipart.server";

const requestOf = (form: FormData) => new Request("http://localhost/upload", { method: "POST", body: form });

describe("parseMultipartForm", () => {
  it("keeps text fields and files in the order they came, with names, types and bytes intact", async () => {
    const form = new FormData();
    form.set("intent", "dry-run");
    form.set("file", new File(["编号,名称\r\n1,静安寺\r\n"], "房间 表.csv", { type: "text/csv" }));
    form.set("crs", "wgs84");
    const parsed = await parseMultipartForm(requestOf(form), memoryFiles({ maxBytes: 1024 }));
    expect([...parsed.keys()]).toEqual(["intent", "file", "crs"]);
    const file = parsed.get("file") as File;
    expect(file.name).toBe("房间 表.csv");
    expect(file.type).toBe("text/csv");
    expect(await file.text()).toBe("编号,名称\r\n1,静安寺\r\n");
  });

  it("reads a large file whole, across many chunks", async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, "a");
    bytes.write("\r\n--not-the-boundary\r\n", 1_000_000); // boundary-like text inside the file stays data
    const form = new FormData();
    form.set("file", new File([bytes], "big.csv", { type: "text/csv" }));
    const parsed = await parseMultipartForm(requestOf(form), memoryFiles({ maxBytes: 4 * 1024 * 1024 }));
    expect(Buffer.from(await (parsed.get("file") as File).arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("refuses a file over the limit after reading it, and leaves out an empty file input", async () => {
    const big = new FormData();
    big.set("file", new File([Buffer.alloc(2048)], "x.csv"));
    await expect(parseMultipartForm(requestOf(big), memoryFiles({ maxBytes: 1024 }))).rejects.toBeInstanceOf(FileTooLargeError);
    const empty = new FormData();
    empty.set("file", new File([], "", { type: "application/octet-stream" }));
    empty.set("note", "x");
    const parsed = await parseMultipartForm(requestOf(empty), memoryFiles({ maxBytes: 1024 }));
    expect(parsed.has("file")).toBe(false);
    expect(parsed.get("note")).toBe("x");
  });

  it("answers 400 for a body that is not a form or is cut short", async () => {
    const plain = new Request("http://localhost/upload", { method: "POST", body: "a=1", headers: { "Content-Type": "text/plain" } });
    await expect(parseMultipartForm(plain, memoryFiles({ maxBytes: 1024 }))).rejects.toMatchObject({ status: 400 });
    const cut = new Request("http://localhost/upload", {
      method: "POST",
      body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
      headers: { "Content-Type": "multipart/form-data; boundary=b" },
    });
    const error = await parseMultipartForm(cut, memoryFiles({ maxBytes: 1024 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400 });
  });

  it("reads url-encoded forms and any case of the Content-Type the same way", async () => {
    const encoded = new Request("http://localhost/upload", { method: "POST", body: "intent=confirm&note=%E5%A5%BD", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    const parsed = await parseMultipartForm(encoded, memoryFiles({ maxBytes: 1024 }));
    expect(Object.fromEntries(parsed)).toEqual({ intent: "confirm", note: "好" });
    const form = new FormData();
    form.set("file", new File(["x"], "a.jpg", { type: "image/jpeg" }));
    const built = new Response(form); // one body, one boundary
    const contentType = built.headers.get("Content-Type")!.replace("multipart/form-data", "Multipart/Form-Data");
    const body = await built.arrayBuffer();
    const shouted = await parseMultipartForm(new Request("http://localhost/upload", { method: "POST", body, headers: { "Content-Type": contentType } }), memoryFiles({ maxBytes: 1024 }));
    expect((shouted.get("file") as File).name).toBe("a.jpg");
  });

  it("refuses (413) a field over 64 KB rather than keep it cut short, in either encoding", async () => {
    const long = "x".repeat(64 * 1024 + 1);
    const encoded = new Request("http://localhost/upload", { method: "POST", body: `note=${long}`, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    await expect(parseMultipartForm(encoded, memoryFiles({ maxBytes: 1024 }))).rejects.toMatchObject({ status: 413 });
    const form = new FormData();
    form.set("note", long);
    await expect(parseMultipartForm(requestOf(form), memoryFiles({ maxBytes: 1024 }))).rejects.toMatchObject({ status: 413 });
  });

  it("answers 400 for JSON", async () => {
    const json = new Request("http://localhost/upload", { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    await expect(parseMultipartForm(json, memoryFiles({ maxBytes: 1024 }))).rejects.toMatchObject({ status: 400 });
  });
});
