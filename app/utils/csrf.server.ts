// CSRF defence for every state-changing request: the browser's Origin header
// (or, failing that, the Referer) must name this host. Browsers always send
// Origin on cross-site POSTs, so a forged form from another site is refused.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginRequest(method: string, headers: { origin?: string; referer?: string; host?: string }): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const source = headers.origin ?? headers.referer;
  if (!source || source === "null" || !headers.host) return false;
  try {
    return new URL(source).host === headers.host;
  } catch {
    return false;
  }
}
