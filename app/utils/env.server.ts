import { z } from "zod";

import { SERVICE_AREA_IDS, SERVICE_AREAS, type ServiceArea } from "~/domain/service-area/service-area";

// Parsed once at start-up; a bad value stops the server with a message naming it.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("./data/app.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Uploaded photos (re-encoded, random names); outside the database and outside public/. */
  UPLOAD_DIR: z.string().min(1).default("./data/uploads"),
  /** Leaflet tile URL template; empty string = no basemap (rooms and outlines on a plain background). */
  MAP_TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  /** Session cookie sent only over HTTPS; on by default in production. */
  COOKIE_SECURE: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  MAP_TILE_ATTRIBUTION: z
    .string()
    .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
  /** Which city this deployment serves (app/domain/service-area/service-area.ts). */
  SERVICE_AREA: z.enum(SERVICE_AREA_IDS).default("shanghai"),
  /** Notifications by e-mail when set, e.g. smtp://user:pass@smtp.example.cn:587 (nodemailer URL). */
  SMTP_URL: z.string().url().optional(),
  /** Sender of notification e-mails; default "上海母婴室 <no-reply@localhost>". */
  MAIL_FROM: z.string().optional(),
  /**
   * The address the public uses, scheme + host (+ port): `https://babyrooms.example.cn`.
   * Absolute URLs in exports, the cookie's Secure flag and the cross-site check use it.
   * Required in production (scripts/serve.ts refuses to start without it).
   */
  PUBLIC_ORIGIN: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const origin = parseOrigin(v);
      if (!origin) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must be scheme://host[:port] with http or https and nothing else, e.g. https://babyrooms.example.cn" });
      return origin ?? undefined;
    }),
  /**
   * Which reverse proxies may name the client (X-Forwarded-For): empty = none
   * (the socket address counts); a hop count (`1` = one proxy in front); or a
   * comma list of addresses/CIDRs (`127.0.0.1,10.0.0.0/8`, `loopback`).
   */
  TRUST_PROXY: z
    .string()
    .default("")
    .transform((v, ctx): number | string | false => {
      const text = v.trim();
      if (text === "" || text === "0" || text === "false") return false;
      if (/^\d+$/.test(text)) return Number(text);
      if (text === "true") {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "name the hop count or the proxies' addresses; `true` would trust any client's X-Forwarded-For" });
        return false;
      }
      return text;
    }),
  /** Lets the server start in production while demo accounts exist: `npm run demo` and the browser tests only. Never in a real deployment. */
  ALLOW_DEMO_ACCOUNTS: z
    .enum(["0", "1", ""])
    .default("")
    .transform((v) => v === "1"),
});

export type Env = Omit<z.infer<typeof EnvSchema>, "COOKIE_SECURE"> & { COOKIE_SECURE: boolean };

/** `https://Example.cn:443/` → `https://example.cn`; null for anything with a path, user, query or another scheme. */
export function parseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return null;
    if (value.includes("@")) return null;
    return url.origin;
  } catch {
    return null;
  }
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    const data = parsed.data;
    // Secure cookies follow the public address: https → Secure; a demo on http://localhost is not.
    const secureDefault = data.PUBLIC_ORIGIN ? data.PUBLIC_ORIGIN.startsWith("https:") : data.NODE_ENV === "production";
    cached = { ...data, COOKIE_SECURE: data.COOKIE_SECURE ?? secureDefault };
  }
  return cached;
}

/** Forgets the parsed environment (scripts/serve.ts, after it settles defaults; tests). */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * The origin absolute URLs are built from: PUBLIC_ORIGIN, never the request's
 * Host header (which a client chooses and a public cache would keep). Outside
 * production without PUBLIC_ORIGIN, the request's own origin (development).
 */
export function publicOrigin(request: Request): string {
  return getEnv().PUBLIC_ORIGIN ?? new URL(request.url).origin;
}

/** The configured city: bounds and districts that imports are checked against. */
export function getServiceArea(): ServiceArea {
  return SERVICE_AREAS[getEnv().SERVICE_AREA];
}

/** The allow-listed subset the browser may see. */
export function getPublicEnv() {
  const env = getEnv();
  return { MAP_TILE_URL: env.MAP_TILE_URL, MAP_TILE_ATTRIBUTION: env.MAP_TILE_ATTRIBUTION };
}
export type PublicEnv = ReturnType<typeof getPublicEnv>;
