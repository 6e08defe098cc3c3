// Renders a door sign (app/domain/registry/door-sign.ts gives the content) as a
// one-page PDF, A5 or A4, with Debian's Noto Sans CJK (fonts-noto-cjk) and the
// QR code drawn as vector squares so it prints sharp at any size.
//
// Plain JavaScript so it runs as a worker thread (Piscina) in the server and
// in tests alike: laying out CJK text and subsetting the CFF font costs a few
// hundred milliseconds of CPU, which must not block the request loop.
import { Buffer } from "node:buffer";
import { existsSync, readFileSync } from "node:fs";
import process from "node:process";

// fontkit is pdfkit's own font engine (its dependency): the collection is
// parsed once per thread instead of once per sign.
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

/** Where Debian and a few other systems put Noto Sans CJK; the first that exists is used. */
export const CJK_FONT_PATHS = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
];
/** The simplified-Chinese face inside the collection. */
const CJK_FONT_NAME = "NotoSansCJKsc-Regular";

let font;

function cjkFont() {
  if (font) return font;
  const path = process.env.DOOR_SIGN_FONT || CJK_FONT_PATHS.find((p) => existsSync(p));
  if (!path || !existsSync(path)) {
    throw new Error(`Door sign: no CJK font found (tried ${CJK_FONT_PATHS.join(", ")}). Install Debian's fonts-noto-cjk or set DOOR_SIGN_FONT to a .ttc/.otf file.`);
  }
  font = fontkit.create(readFileSync(path), path.endsWith(".ttc") ? CJK_FONT_NAME : undefined);
  return font;
}

const PAGE = { a5: [419.53, 595.28], a4: [595.28, 841.89] };

/** @param {{ content: import("../app/domain/registry/door-sign").DoorSignContent, size: "a5" | "a4" }} task */
export default async function renderDoorSign({ content, size }) {
  const [width, height] = PAGE[size];
  const k = width / PAGE.a5[0]; // drawn for A5, scaled
  const margin = 28 * k;
  const inner = width - 2 * margin;
  const doc = new PDFDocument({ size: [width, height], margin, info: { Title: `${content.venue} ${content.room} 门牌`, Creator: "上海母婴室登记" } });
  doc.registerFont("cjk", cjkFont());
  doc.font("cjk");
  const chunks = [];
  doc.on("data", (c) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.rect(0, 0, width, 70 * k).fill("#c2185b");
  doc.fillColor("#ffffff").fontSize(32 * k).text(content.title, margin, 16 * k, { width: inner, align: "center" });
  doc.fillColor("#000000");

  doc.fontSize(17 * k).text(content.venue, margin, 86 * k, { width: inner, align: "center" });
  doc.fontSize(14 * k).text(content.room, margin, doc.y + 2 * k, { width: inner, align: "center" });
  if (content.where) {
    doc.fontSize(11 * k).fillColor("#444444").text(content.where, margin, doc.y + 2 * k, { width: inner, align: "center" });
    doc.fillColor("#000000");
  }

  doc.fontSize(11 * k).text(content.hoursLabel, margin, doc.y + 10 * k, { width: inner });
  doc.fontSize(10 * k).text(content.hoursLines.join("\n"), margin + 8 * k, doc.y + 2 * k, { width: inner - 8 * k, lineGap: 1 * k });
  doc.fontSize(11 * k).text(content.stars, margin, doc.y + 8 * k, { width: inner });
  doc.fontSize(11 * k).text(content.contact, margin, doc.y + 4 * k, { width: inner });

  // The QR code at the bottom, from the module matrix, with a 4-module quiet zone.
  const qr = QRCode.create(content.shortUrl, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const side = Math.max(100 * k, Math.min(170 * k, height - doc.y - 110 * k));
  const cell = side / (n + 8);
  const x0 = (width - side) / 2;
  const y0 = height - margin - 52 * k - side;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x0 + (c + 4) * cell, y0 + (r + 4) * cell, cell, cell);
  }
  doc.fill("#000000");
  doc.fontSize(10 * k).text(content.scanHint, margin, y0 + side + 2 * k, { width: inner, align: "center" });
  doc.fontSize(8 * k).fillColor("#444444").text(content.shortUrl, margin, doc.y + 1 * k, { width: inner, align: "center" });
  doc.fontSize(7 * k).text(content.footer, margin, height - margin - 8 * k, { width: inner, align: "center", lineBreak: false });
  doc.end();
  return done;
}
