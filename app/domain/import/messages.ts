// What the importer says about a row: why it was refused, held or skipped,
// and its warnings, as a stable code with parameters instead of a sentence.
// The sentence in each language is in the i18n catalogues
// (app/i18n/zh-import.ts, en-import.ts) and is written by one function,
// importMessageText (app/i18n/import-messages.ts), for every page and report.
//
// Parameters are values from the file or the registry, kept verbatim (a
// column value, an unparsed hours phrase, a room's name, a number), except
// those the renderer translates by name:
//   field      an import field (ImportField): the column's label in the language
//   venueType  a venue type code: its name in the language
//   holdKind   a hold kind: its name in the language
//   area       the service area's name in both languages ({ zh, en })
//   a message  (any parameter that is itself { code, params }): rendered first
//   a list     (string[]): joined with the language's separator
//
// A code, once stored, keeps its meaning: rows in import_run_rows and
// import_holds are read back years later. Add codes; never reuse one.
import type { ImportField } from "./columns";
import type { VenueType } from "../registry/vocabulary";

export type LocalizedName = { zh: string; en: string };

/** Every code with its parameters' names (the catalogues' texts must use exactly these). */
export const IMPORT_MESSAGE_PARAMS = {
  // ---- reasons a row is refused (reject)
  missing_field: ["field"],
  invalid_field: ["field", "problem"],
  coordinates_zero: [],
  coordinates_out_of_range: ["lng", "lat"],
  outside_service_area: ["lng", "lat", "area"],
  rating_year_missing: [],
  district_not_in_area: ["district", "area"],
  district_unknown: [],
  district_needed_without_position: [],
  venue_type_unknown: [],
  venue_type_unrecognised: ["value"],
  unreadable: [],
  invalid_value: [],
  // ---- what is wrong with a field's value (the `problem` of invalid_field)
  too_long: ["max"],
  not_a_number: [],
  minutes_or_seconds_over_60: [],
  coordinate_pair_format: [],
  phone_characters: [],
  must_be_positive: [],
  area_too_large: ["max"],
  not_a_star_level: ["value"],
  not_a_rating_year: ["value"],
  // ---- reasons a row is skipped, updated or held
  duplicate_row_in_file: ["row"],
  registered_room_not_overwritten: ["roomId"],
  imported_unchanged: [],
  imported_changed: [],
  already_in_review_queue: ["holdKind"],
  dismissed_by_reviewer: [],
  position_needed: [],
  possible_duplicate: ["name", "meters", "why"],
  same_room_as_row: ["row", "meters"],
  updated_earlier_import: ["roomId", "meters"],
  matches_registered_room: ["roomId", "meters"],
  // ---- why two rooms could not be told apart (the `why` of possible_duplicate)
  distinguishing_words_differ: ["parts"],
  no_floor_to_tell_apart: [],
  // ---- warnings on a row that was read
  coordinates_swapped: ["lng", "lat"],
  district_mismatch: ["district"],
  street_not_found: ["street"],
  venue_type_guessed: ["venueType"],
  equipment_unknown: ["items"],
  hours_unconverted: ["problem"],
  // ---- why opening hours were kept as text (the `problem` of hours_unconverted)
  hours_unrecognised_text: ["text"],
  hours_period_missing_end: [],
  hours_monthly_day_mixed: [],
  hours_weekday_range_incomplete: [],
  hours_range_incomplete: [],
  hours_all_day_mixed: [],
  hours_closed_after_period: [],
  hours_same_start_end: [],
  hours_start_next_day: [],
  hours_end_before_start: [],
  hours_overnight_too_late: [],
  hours_next_day_end_after_start: [],
  hours_periods_overlap: [],
  hours_no_time: [],
  hours_monthly_day_time_unclear: [],
  hours_except_unclear: [],
  hours_days_without_time: [],
  hours_closed_or_same_unclear: [],
  hours_only_closed_days: [],
  hours_same_unclear: [],
  hours_time_without_days: [],
  hours_holiday_time_unclear: [],
  hours_closed_every_day: [],
  hours_holiday_varies: [],
  hours_depends_on_conditions: [],
  hours_invalid_result: ["spec"],
  hours_days_mismatch: ["spec"],
} as const satisfies Record<string, readonly string[]>;

export type ImportMessageCode = keyof typeof IMPORT_MESSAGE_PARAMS;
export const IMPORT_MESSAGE_CODES = Object.keys(IMPORT_MESSAGE_PARAMS) as ImportMessageCode[];

/** The parameters' types, where they are not plain text or numbers. */
type ParamTypes = {
  field: ImportField;
  problem: ImportMessage;
  why: ImportMessage;
  area: LocalizedName;
  venueType: VenueType;
  /** The review queue's hold kinds (import_holds.kind). */
  holdKind: "position_needed" | "possible_duplicate";
  parts: string[];
  items: string[];
};
type ParamOf<N extends string> = N extends keyof ParamTypes ? ParamTypes[N] : string | number;
type ParamsOf<C extends ImportMessageCode> = { [N in (typeof IMPORT_MESSAGE_PARAMS)[C][number]]: ParamOf<N> };

export type ImportMessage = {
  [C in ImportMessageCode]: (typeof IMPORT_MESSAGE_PARAMS)[C] extends readonly [] ? { code: C; params?: undefined } : { code: C; params: ParamsOf<C> };
}[ImportMessageCode];

export type ImportMessageParam = string | number | string[] | LocalizedName | ImportMessage;

/**
 * A reason or warning as stored: a message, or the plain text rows recorded
 * before messages existed (shown as written).
 */
export type StoredImportMessage = ImportMessage | string;

/** A message with parameters: `message("coordinates_out_of_range", { lng, lat })`. */
export function message<C extends ImportMessageCode>(
  code: C,
  ...params: (typeof IMPORT_MESSAGE_PARAMS)[C] extends readonly [] ? [] : [ParamsOf<C>]
): ImportMessage {
  return (params.length === 0 ? { code } : { code, params: params[0] }) as ImportMessage;
}

export function isImportMessage(value: unknown): value is ImportMessage {
  return value !== null && typeof value === "object" && typeof (value as { code?: unknown }).code === "string";
}
