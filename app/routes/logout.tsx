import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { getDb } from "~/utils/db.server";
import { endSession } from "~/utils/session.server";

/** POST only: a link (GET) that signs people out could be triggered by another site's image tag. */
export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endSession(getDb(), request);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  return redirect("/");
}
