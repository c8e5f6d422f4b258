/**
 * Draws the Teams app icons and writes them as PNG files, using only node:zlib
 * and node:fs.
 *
 *   color.png    192×192  rounded square in the accent colour, white check mark and spark
 *   outline.png   32×32   the same check mark and spark, white on transparent
 *
 * Run: npx tsx manifest/make-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32';

/** Must match accentColor in manifest.json. */
export const ACCENT_COLOR = '#1B6E5A';

type Rgb = readonly [number, number, number];
/** Coverage of a shape at a point in unit coordinates (0..1 across the icon): 0 or 1. */
type Shape = (x: number, y: number) => boolean;

const WHITE: Rgb = [255, 255, 255];

function hexToRgb(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** A polyline stroke with round caps and joins. */
function stroke(points: ReadonlyArray<readonly [number, number]>, width: number): Shape {
  return (x, y) => {
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      if (distanceToSegment(x, y, ax, ay, bx, by) <= width / 2) return true;
    }
    return false;
  };
}

/** A four-pointed spark (astroid-like star) centred at (cx, cy) with radius r. */
function spark(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.sqrt(Math.abs(x - cx)) + Math.sqrt(Math.abs(y - cy)) <= Math.sqrt(r);
}

function roundedSquare(inset: number, radius: number): Shape {
  const lo = inset + radius;
  const hi = 1 - inset - radius;
  return (x, y) => {
    const dx = Math.max(lo - x, 0, x - hi);
    const dy = Math.max(lo - y, 0, y - hi);
    return Math.hypot(dx, dy) <= radius;
  };
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((s) => s(x, y));
}

/** Fraction of an n×n grid of samples inside the pixel that falls in the shape. */
function coverage(shape: Shape, px: number, py: number, size: number, samples: number): number {
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
    }
  }
  return hits / (samples * samples);
}

interface MarkGeometry {
  check: ReadonlyArray<readonly [number, number]>;
  strokeWidth: number;
  spark: readonly [number, number, number];
}

/** The mark: a check with a small spark above its long arm. */
function mark({ check, strokeWidth, spark: [cx, cy, r] }: MarkGeometry): Shape {
  return union(stroke(check, strokeWidth), spark(cx, cy, r));
}

/** Inside the colour icon's safe area, with room around the mark. */
const COLOR_MARK: MarkGeometry = {
  check: [
    [0.27, 0.55],
    [0.43, 0.71],
    [0.72, 0.41],
  ],
  strokeWidth: 0.1,
  spark: [0.71, 0.25, 0.13],
};

/** Fills the 32 px outline icon with bolder strokes and more space between check and spark. */
const OUTLINE_MARK: MarkGeometry = {
  check: [
    [0.12, 0.56],
    [0.36, 0.8],
    [0.66, 0.5],
  ],
  strokeWidth: 0.15,
  spark: [0.76, 0.24, 0.19],
};

/** RGBA pixels, row by row, 4 bytes per pixel. */
export interface Bitmap {
  width: number;
  height: number;
  rgba: Buffer;
}

export function renderColorIcon(size = 192, accent = ACCENT_COLOR): Bitmap {
  const background = roundedSquare(0, 0.2);
  const symbol = mark(COLOR_MARK);
  const bg = hexToRgb(accent);
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = coverage(background, x, y, size, 4);
      const white = coverage(symbol, x, y, size, 4);
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(bg[c] * (1 - white) + WHITE[c] * white);
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, rgba };
}

export function renderOutlineIcon(size = 32): Bitmap {
  const symbol = mark(OUTLINE_MARK);
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = 255;
      rgba[i + 3] = Math.round(coverage(symbol, x, y, size, 8) * 255);
    }
  }
  return { width: size, height: size, rgba };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes an RGBA bitmap as PNG: 8-bit truecolour with alpha, filter 0 on every row. */
export function encodePng({ width, height, rgba }: Bitmap): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('RGBA buffer does not match the size');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function writeIcons(dir: string = __dirname): { color: string; outline: string } {
  const color = path.join(dir, 'color.png');
  const outline = path.join(dir, 'outline.png');
  fs.writeFileSync(color, encodePng(renderColorIcon()));
  fs.writeFileSync(outline, encodePng(renderOutlineIcon()));
  return { color, outline };
}

if (require.main === module) {
  const written = writeIcons();
  console.log(`Wrote ${written.color} and ${written.outline}`);
}
