// A dry run or an import of an uploaded room file, in a job process.
import { runUploadJob } from "~/services/import-upload.server";
import { getServiceArea } from "~/utils/env.server";
import { AppError } from "~/utils/http.server";

import { PermanentJobError, type JobBody } from "./define";

export const importRoomsJob: JobBody<"import-rooms"> = async ({ db, databasePath, progress }, input) => {
  try {
    const result = await runUploadJob(db, databasePath, input, getServiceArea(), (p, m) => progress(p, m));
    progress(100, "done");
    return result;
  } catch (error) {
    // A file that cannot be read (wrong columns, bad encoding) fails the same way every time.
    if (error instanceof AppError) throw new PermanentJobError(error.message);
    throw error;
  }
};
