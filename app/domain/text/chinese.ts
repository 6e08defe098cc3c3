// Traditional → simplified Chinese, so files from Hong Kong, Taiwan or older
// systems ("開放時間", "黃浦區", "週一") read like the rest. OpenCC's
// character and phrase tables, not a hand-kept list.
import * as OpenCC from "opencc-js/t2cn";

const t2cn = OpenCC.Converter({ from: "t", to: "cn" });

/** NFKC-normalised (full-width digits, colons and letters become ASCII), then simplified. */
export function toSimplified(text: string): string {
  return t2cn(text.normalize("NFKC"));
}
