// The closed vocabularies of supervision (督导): checks, rectification orders
// and parents' reports. Shared by the schema, zod schemas and the UI.
// Glossary: inspection = 督查记录, rectification order = 整改通知, re-check = 回访复查,
// parents' report = 群众反馈.

/** 日常巡访 / 抽查 / 整改回访复查 / 投诉核查 */
export const INSPECTION_TYPE_VALUES = ["routine", "spot_check", "recheck", "complaint"] as const;
export type InspectionType = (typeof INSPECTION_TYPE_VALUES)[number];

/** What the inspector found for one checklist item. */
export const ITEM_STATE_VALUES = ["present", "missing", "broken"] as const;
export type ItemState = (typeof ITEM_STATE_VALUES)[number];

export const HYGIENE_VALUES = ["clean", "acceptable", "dirty"] as const;
export type Hygiene = (typeof HYGIENE_VALUES)[number];

/** 合格 / 限期整改 / 暂停使用 */
export const OUTCOME_VALUES = ["pass", "rectify", "suspend"] as const;
export type Outcome = (typeof OUTCOME_VALUES)[number];

/** open → answered (the manager says what was done) → passed / failed at the re-check. */
export const RECTIFICATION_STATUS_VALUES = ["open", "answered", "passed", "failed"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUS_VALUES)[number];

export const REPORT_CATEGORY_VALUES = ["locked", "closed", "dirty", "broken", "wrong_location", "other"] as const;
export type ReportCategory = (typeof REPORT_CATEGORY_VALUES)[number];

export const REPORT_STATUS_VALUES = ["received", "in_progress", "resolved"] as const;
export type ReportStatus = (typeof REPORT_STATUS_VALUES)[number];
