// npm run user:create -- --role inspector --district 310105 [--district 310106] --name 王督导 --org 长宁区卫健委 --email a@b.cn [--phone ..] --password ...
// Creates an inspector or administrator (managers sign up themselves). The password
// may come from the USER_PASSWORD environment variable instead of the command line.
import { parseArgs } from "node:util";

import { createDb, migrateDb } from "#db/client";
import { StaffUserSchema } from "~/schemas/account";
import { createStaffUser } from "~/services/accounts.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/http.server";

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    district: { type: "string", multiple: true },
    name: { type: "string" },
    org: { type: "string" },
    email: { type: "string" },
    phone: { type: "string" },
    password: { type: "string" },
  },
});

const parsed = StaffUserSchema.safeParse({
  role: values.role,
  name: values.name,
  organisation: values.org,
  email: values.email,
  phone: values.phone,
  password: values.password ?? process.env.USER_PASSWORD,
  districtCodes: values.district ?? [],
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".") || "input"}: ${issue.message.replace(/^validation\./, "")}`);
  process.exit(2);
}

const db = createDb(getEnv().DATABASE_PATH);
try {
  migrateDb(db);
  const id = await createStaffUser(db, null, parsed.data);
  console.log(`Created ${parsed.data.role} #${id} ${parsed.data.name}`);
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`${error.message}: ${JSON.stringify(error.details ?? {})}`);
  process.exitCode = 2;
} finally {
  db.$client.close();
}
