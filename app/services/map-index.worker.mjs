// Worker thread for app/services/map-index.server.ts: builds one cluster index
// (supercluster) off the request path and hands its trees back as transferable
// buffers. Plain JavaScript so the built server and the tests can start it as is.
import { parentPort } from "node:worker_threads";

import Supercluster from "supercluster";

parentPort.on("message", ({ id, coords, options }) => {
  try {
    const features = new Array(coords.length / 2);
    for (let i = 0; i < features.length; i++) {
      features[i] = { type: "Feature", geometry: { type: "Point", coordinates: [coords[2 * i], coords[2 * i + 1]] }, properties: null };
    }
    const index = new Supercluster(options).load(features);
    const trees = [];
    const transfer = [];
    for (const tree of index.trees) {
      // KDBush keeps its index in one ArrayBuffer (tree.ids.buffer); supercluster keeps its
      // cluster data in tree.data (a plain array): both cross to the main thread without copying.
      const kd = tree.ids.buffer;
      const data = Float64Array.from(tree.data);
      trees.push({ kd, data });
      transfer.push(kd, data.buffer);
    }
    parentPort.postMessage({ id, trees }, transfer);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error instanceof Error ? error.stack : error) });
  }
});
