import { describe, expect, it } from "vitest";

import { isSameOriginRequest } from "./csrf.server";

describe("isSameOriginRequest", () => {
  const site = "http://localhost:3000";
  it.each([
    ["GET", {}, site, true],
    ["HEAD", { origin: "https://evil.example" }, site, true],
    ["POST", { origin: "http://localhost:3000" }, site, true],
    ["POST", { referer: "http://localhost:3000/login" }, site, true],
    ["POST", { origin: "https://evil.example" }, site, false],
    ["POST", { origin: "http://localhost:3001" }, site, false],
    ["POST", { origin: "null" }, site, false],
    ["POST", {}, site, false],
    ["DELETE", { origin: "not a url" }, site, false],
    ["post", { origin: "http://a.example" }, "http://b.example", false],
    // https on an http site, and the other way round
    ["POST", { origin: "https://localhost:3000" }, site, false],
    ["POST", { origin: "http://babyrooms.example.cn" }, "https://babyrooms.example.cn", false],
    ["POST", { origin: "https://babyrooms.example.cn" }, "https://babyrooms.example.cn", true],
    // user info before the host
    ["POST", { origin: "http://evil@localhost:3000" }, site, false],
    ["POST", { referer: "http://evil@localhost:3000/x" }, site, false],
    ["POST", { referer: "http://localhost:3000@evil.example/x" }, site, false],
    // a path or trailing slash is not an origin
    ["POST", { origin: "http://localhost:3000/" }, site, false],
    ["POST", { referer: "https://localhost:3000/login" }, site, false],
  ] as const)("%s %j on %s -> %s", (method, headers, expected, result) => {
    expect(isSameOriginRequest(method, headers, expected)).toBe(result);
  });
});
