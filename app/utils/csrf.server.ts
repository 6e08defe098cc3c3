// CSRF defence for every state-changing request: the browser's Origin header
// (or, failing that, the Referer) must be exactly this site's origin: same
// scheme, host and port (PUBLIC_ORIGIN in production). Browsers always send
// Origin on cross-site POSTs, so a forged form from another site is refused;
// `https://host` on an http site, `http://evil@host` and `null` are refused too.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginRequest(method: string, headers: { origin?: string; referer?: string }, expectedOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const expected = expectedOrigin.toLowerCase();
  if (headers.origin !== undefined) {
    // An Origin header is scheme://host[:port], nothing else: compare it as written.
    return headers.origin.toLowerCase() === expected;
  }
  if (!headers.referer) return false;
  try {
    const url = new URL(headers.referer);
    if (url.username || url.password) return false;
    return url.origin === expected;
  } catch {
    return false;
  }
}
