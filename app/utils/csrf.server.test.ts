import { describe, expect, it } from "vitest";

import { isSameOriginRequest } from "./csrf.server";

describe("isSameOriginRequest", () => {
  it.each([
    ["GET", {}, true],
    ["HEAD", { origin: "https://evil.example" }, true],
    ["POST", { origin: "http://localhost:3000", host: "localhost:3000" }, true],
    ["POST", { referer: "http://localhost:3000/login", host: "localhost:3000" }, true],
    ["POST", { origin: "https://evil.example", host: "localhost:3000" }, false],
    ["POST", { origin: "http://localhost:3001", host: "localhost:3000" }, false],
    ["POST", { origin: "null", host: "localhost:3000" }, false],
    ["POST", { host: "localhost:3000" }, false],
    ["DELETE", { origin: "not a url", host: "localhost:3000" }, false],
    ["post", { origin: "http://a.example", host: "b.example" }, false],
  ] as const)("%s %j -> %s", (method, headers, expected) => {
    expect(isSameOriginRequest(method, headers)).toBe(expected);
  });
});
