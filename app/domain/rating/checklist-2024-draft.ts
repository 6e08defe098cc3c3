// The star checklist proposal from the domain brief, version "2024-draft".
// The data lives in checklists/2024-draft.json (the same file an administrator
// could load with `npm run checklist:load`); a later version is loaded beside
// it, never edited into it. A data migration puts this version in the database.
import { parseChecklist, type Checklist } from "./checklist";
import draft from "./checklists/2024-draft.json";

export type { Checklist, ChecklistItem } from "./checklist";

export const CHECKLIST_2024_DRAFT: Checklist = parseChecklist(draft);
