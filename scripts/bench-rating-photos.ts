// npm run bench:rating-photos: how long the rating engine and the photo
// pipeline take per call, to size the live self-assessment and the upload
// requests. Photos are generated with sharp (gradient plus noise);
// files go to a temporary folder that is removed afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import sharp from "sharp";

import { DEFAULT_PHOTO_POLICY } from "~/domain/photos/policy";
import { CHECKLIST_2024_DRAFT as draft } from "~/domain/rating/checklist-2024-draft";
import { assessRoom } from "~/domain/rating/engine";
import { scoreRoom } from "~/domain/rating/score";
import { photoStorage, storePhotos } from "~/services/photos.server";

import { mulberry32 } from "../tests/factories/random";

async function time(label: string, runs: number, fn: () => unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(62)} ${ms.toFixed(3).padStart(10)} ms (mean of ${runs})`);
  return ms;
}

// ---------------------------------------------------------------- rating engine
const rand = mulberry32(7);
const codes = draft.items.map((i) => i.code);
const rooms = Array.from({ length: 1000 }, () => codes.filter(() => rand() < 0.8));
let k = 0;
await time("scoreRoom (score + stars), 2024-draft", 20_000, () => scoreRoom(draft, rooms[k++ % rooms.length]!));
await time("assessRoom (subtotals, next-level gap, cheapest extras)", 20_000, () => assessRoom(draft, rooms[k++ % rooms.length]!));

// ---------------------------------------------------------------- photo pipeline
/** A gradient with noise: about as hard to compress as a photo of a room. */
async function photoLikeJpeg(width: number, height: number): Promise<Buffer> {
  const noise = mulberry32(width);
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = ((x / width) * 160 + (y / height) * 60) | 0;
      for (let c = 0; c < 3; c++) raw[i++] = Math.min(255, base + c * 20 + ((noise() * 24) | 0));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

// The byte limit is raised here so the 48 MP case measures decoding, not refusal.
const policy = { ...DEFAULT_PHOTO_POLICY, maxBytesPerFile: 64 * 1024 * 1024 };

const dir = mkdtempSync(join(tmpdir(), "bench-photos-"));
try {
  const storage = photoStorage(dir);
  for (const [label, width, height] of [
    ["12 MP phone photo (4032×3024)", 4032, 3024],
    ["48 MP phone photo (8000×6000)", 8000, 6000],
    ["small photo (1280×960)", 1280, 960],
  ] as const) {
    const input = await photoLikeJpeg(width, height);
    const file = new File([new Uint8Array(input)], "p.jpg", { type: "image/jpeg" });
    let storedBytes = 0;
    await time(`store one ${label}, ${(input.length / 1e6).toFixed(1)} MB in`, 5, async () => {
      storedBytes = (await storePhotos(storage, [file], policy))[0]!.bytes;
    });
    console.log(`  stored as ${(storedBytes / 1024).toFixed(0)} KB JPEG, longest edge ${policy.maxEdgePx} px`);
  }
  console.log(`sharp concurrency ${sharp.concurrency()} threads; libvips ${sharp.versions.vips}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
