// Files jobs read or write (uploads waiting for their job, reports to download):
// beside the database, in <database folder>/jobs/, under random names.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

export function jobFilesDir(databasePath: string): string {
  const dir = resolve(dirname(databasePath), "jobs");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Stores bytes for a job to read; returns the absolute path. */
export async function saveJobFile(databasePath: string, bytes: Uint8Array, extension: string): Promise<string> {
  const path = join(jobFilesDir(databasePath), `${randomBytes(12).toString("hex")}.${extension.replace(/[^a-z0-9]/gi, "")}`);
  await writeFile(path, bytes);
  return path;
}

/** A job file by its bare name (as given to a download route), or undefined for anything that tries to leave the folder. */
export function jobFilePath(databasePath: string, name: string): string | undefined {
  if (!/^[a-f0-9]{24}\.[a-z0-9]{1,8}$/.test(name)) return undefined;
  return join(jobFilesDir(databasePath), name);
}
