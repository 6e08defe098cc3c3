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
  MAIL_FROM: z.string().default("上海母婴室 <no-reply@localhost>"),
  /** The site's address as people reach it, for links in e-mails; default http://localhost:PORT. */
  APP_URL: z.string().url().optional(),
});

export type Env = Omit<z.infer<typeof EnvSchema>, "COOKIE_SECURE"> & { COOKIE_SECURE: boolean };

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = { ...parsed.data, COOKIE_SECURE: parsed.data.COOKIE_SECURE ?? parsed.data.NODE_ENV === "production" };
  }
  return cached;
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
