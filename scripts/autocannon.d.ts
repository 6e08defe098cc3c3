// The part of autocannon's API that scripts/bench-load.ts and scripts/bench-http.ts use (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    type Histogram = { p50: number; p99: number; max: number; average: number };
    type Request = { method?: string; path?: string; setupRequest?: (req: { path: string }) => { path: string } };
    type Options = { url: string; connections?: number; duration?: number; amount?: number; requests?: Request[] };
    type Result = { latency: Histogram; requests: Histogram & { total: number }; errors: number; non2xx: number };
    type Instance = { stop(): void };
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  function autocannon(options: autocannon.Options, callback: (error: Error | null, result: autocannon.Result) => void): autocannon.Instance;
  export default autocannon;
}
