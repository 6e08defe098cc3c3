// The part of autocannon's API that scripts/bench-load.ts uses (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    type Histogram = { p50: number; p99: number; max: number; average: number };
    type Result = { latency: Histogram; requests: Histogram & { total: number } };
    type Options = { url: string; connections?: number; duration?: number; amount?: number };
    type Instance = { stop(): void };
  }
  function autocannon(options: autocannon.Options, callback: (error: Error | null, result: autocannon.Result) => void): autocannon.Instance;
  export default autocannon;
}
