import { deflateSync } from 'node:zlib';

/** Image width in pixels: one pixel per percent. With a height of 2 the bar is 50 times as wide as high. */
const WIDTH = 100;
const HEIGHT = 2;
/** Teams' purple for what is done. */
const DONE = [0x5b, 0x5f, 0xc7, 0xff];
/** A see-through grey for what is left: light on a light card, dark on a dark one. */
const LEFT = [0x80, 0x80, 0x80, 0x60];

/**
 * The scan's progress as one small PNG (a data URL), `percent` of it purple. Shown stretched
 * to the card's width it keeps its 50:1 shape, so it is a thin bar in every client. Columns
 * with background images looked like an empty input field: Adaptive Card renderers pad any
 * container that has a background, which made each part of the bar a 32-pixel box.
 */
export function progressImage(percent: number): string {
  const done = Math.max(0, Math.min(WIDTH, Math.round(percent)));
  // Every question card carries one, and there are only 101 of them: each is drawn (and compressed) once.
  let url = drawn.get(done);
  if (url === undefined) drawn.set(done, (url = draw(done)));
  return url;
}

const drawn = new Map<number, string>();

function draw(done: number): string {
  const row = Buffer.alloc(1 + WIDTH * 4); // filter byte 0, then RGBA per pixel
  for (let x = 0; x < WIDTH; x++) Buffer.from(x < done ? DONE : LEFT).copy(row, 1 + x * 4);
  const raw = Buffer.concat(Array.from({ length: HEIGHT }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, no interlace
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
