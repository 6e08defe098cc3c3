import { describe, expect, it } from "vitest";

import { VENUE_TYPE_ZH } from "~/domain/import/values";
import { VENUE_TYPE_NAMES_ZH, VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";

import en from "./en";
import zh from "./zh";

describe("venue type names", () => {
  it("one Chinese list: the pages and the import reports read the same object", () => {
    expect(zh.venueType).toBe(VENUE_TYPE_NAMES_ZH);
    expect(VENUE_TYPE_ZH).toBe(VENUE_TYPE_NAMES_ZH);
  });

  it("every venue type has a name in both languages", () => {
    expect(Object.keys(VENUE_TYPE_NAMES_ZH).sort()).toEqual([...VENUE_TYPE_VALUES].sort());
    expect(Object.keys(en.venueType).sort()).toEqual([...VENUE_TYPE_VALUES].sort());
  });
});
