import { expect, it } from "vitest";

import { isDatabaseBusy } from "./db.server";

const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
const snapshot = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY_SNAPSHOT" });

it.each([
  ["one busy error", busy, true],
  ["route errors, all busy", { "routes/admin.import": busy, root: snapshot }, true],
  ["a busy error beside another error", { "routes/a": busy, "routes/b": new Error("bug") }, false],
  ["another SQLite error", Object.assign(new Error("constraint"), { code: "SQLITE_CONSTRAINT" }), false],
  ["no errors", null, false],
  ["an empty error map", {}, false],
])("%s", (_name, errors, expected) => {
  expect(isDatabaseBusy(errors)).toBe(expected);
});

it("a request is 'busy' only while every error it had was a busy database", async () => {
  const { noteRequestError, wasBusyRequest } = await import("./db.server");
  const onlyBusy = new Request("http://localhost/a");
  noteRequestError(onlyBusy, busy);
  noteRequestError(onlyBusy, snapshot);
  expect(wasBusyRequest(onlyBusy)).toBe(true);
  const mixed = new Request("http://localhost/b");
  noteRequestError(mixed, busy);
  noteRequestError(mixed, new Error("bug"));
  noteRequestError(mixed, busy);
  expect(wasBusyRequest(mixed)).toBe(false);
  expect(wasBusyRequest(new Request("http://localhost/c"))).toBe(false); // no error at all
});
