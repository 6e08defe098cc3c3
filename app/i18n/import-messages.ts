// The one function that turns an importer's reason or warning (a code with
// parameters, app/domain/import/messages.ts) into text in a language. Every
// page and report that shows one calls it: the import page, a stored run's
// page, the review queue's card, the CSV reports and the command line.
// Plain text stored before reasons had codes is shown as written.
import { isImportMessage, type ImportMessage, type ImportMessageParam, type StoredImportMessage } from "../domain/import/messages";
import { type Language, resources } from "./config";

function catalogue(lng: Language) {
  return resources[lng].common;
}

function paramText(name: string, value: ImportMessageParam | undefined, lng: Language): string {
  const c = catalogue(lng);
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.join(c.importMessages.separators[name] ?? c.importMessages.separators.default);
  if (typeof value === "object") {
    if (isImportMessage(value)) return render(value, lng);
    return value[lng];
  }
  const text = String(value);
  switch (name) {
    case "field":
      return (c.importMessages.fields as Record<string, string>)[text] ?? text;
    case "venueType":
      return (c.venueType as Record<string, string>)[text] ?? text;
    case "holdKind":
      return (c.queue.kinds as Record<string, string>)[text] ?? text;
    default:
      return text;
  }
}

function render(message: ImportMessage, lng: Language): string {
  const template = (catalogue(lng).importMessages.codes as Record<string, string>)[message.code];
  // A code this build does not know (written by a newer one): say which, rather than nothing.
  if (template === undefined) return message.params ? `${message.code} ${JSON.stringify(message.params)}` : message.code;
  const params = (message.params ?? {}) as Record<string, ImportMessageParam>;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => paramText(name, params[name], lng));
}

/** A stored reason or warning as text in `lng`; plain text (rows from before codes) as written. */
export function importMessageText(message: StoredImportMessage, lng: Language): string {
  if (typeof message === "string") return message;
  const text = render(message, lng);
  // English sentences start with a capital; the catalogue writes them as they read inside another.
  const known = message.code in catalogue(lng).importMessages.codes;
  return lng === "en" && known ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** Several reasons or warnings as one text (a row's reason and warnings in a table cell, a CSV's warnings column). */
export function importMessagesText(messages: readonly (StoredImportMessage | null)[], lng: Language): string {
  return messages
    .filter((m): m is StoredImportMessage => m !== null && m !== "")
    .map((m) => importMessageText(m, lng))
    .join(lng === "en" ? "; " : "；");
}
