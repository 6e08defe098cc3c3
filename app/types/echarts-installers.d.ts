// echarts publishes no types beside its per-feature installers (lib/**/install*.js); the
// charts service imports only the ones it uses (app/services/charts.server.ts, decision 024).
declare module "echarts/lib/*.js" {
  import type { use } from "echarts/core";
  export const install: Extract<Parameters<typeof use>[0], { length?: never }>;
}
