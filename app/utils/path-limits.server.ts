// Addresses no page can have, answered before Remix sees them. React Router's
// matching grows with the number of path segments: a path of 7,000 segments
// held the event loop 5.3 s (2,000: 0.8 s), and anyone can send one.

/** The deepest page address has 4 segments (/admin/import/:jobId/report.csv); 16 leaves room. */
export const MAX_PATH_SEGMENTS = 16;
/** Longer paths are 414, whatever their segments (the whole request line stays limited by Node: 414/431). */
export const MAX_PATH_BYTES = 2_048;

/** What to answer for a path (without its query), or null to let it through. */
export function refusePath(path: string): { status: 404 | 414; message: string } | null {
  if (path.length > MAX_PATH_BYTES) return { status: 414, message: `URI Too Long: a page address is at most ${MAX_PATH_BYTES} characters` };
  let segments = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47 /* "/" */ && ++segments > MAX_PATH_SEGMENTS) return { status: 404, message: "Not found" };
  return null;
}

type Req = { originalUrl: string };
type Res = { status(code: number): Res; type(value: string): Res; send(body: string): void };

/** Express middleware: refusePath on the path as sent. */
export function refuseOddPaths(req: Req, res: Res, next: () => void): void {
  const queryAt = req.originalUrl.indexOf("?");
  const refusal = refusePath(queryAt === -1 ? req.originalUrl : req.originalUrl.slice(0, queryAt));
  if (!refusal) return next();
  res.status(refusal.status).type("text/plain").send(refusal.message);
}
