// The part of autocannon's API that scripts/bench-http.ts uses (the package ships no types).
declare module "autocannon" {
  type Histogram = { average: number; p50: number; p99: number };
  type Request = { method?: string; path?: string; setupRequest?: (req: { path: string }) => { path: string } };
  type Options = { url: string; connections?: number; duration?: number; requests?: Request[] };
  type Result = { requests: Histogram; latency: Histogram; errors: number; non2xx: number };
  export default function autocannon(options: Options): Promise<Result>;
}
