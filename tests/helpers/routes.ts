// Calls a route module's loader or action as Remix would, and gives back a
// Response whatever the route returned or threw (data(), plain objects, thrown
// Responses). Other thrown errors propagate.
type Args = { request: Request; params: Record<string, string>; context: object };

export async function callRoute(file: string, kind: "loader" | "action", request: Request, params: Record<string, string> = {}): Promise<Response> {
  const mod = (await import(`../../app/routes/${file}`)) as Record<string, (args: Args) => Promise<unknown>>;
  try {
    const result = await mod[kind]!({ request, params, context: {} });
    if (result instanceof Response) return result;
    const status = (result as { init?: { status?: number } } | null)?.init?.status ?? 200;
    return Response.json((result as { data?: unknown })?.data ?? result, { status });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
