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
