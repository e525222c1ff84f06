// A phone-like JPEG for the photo test: a JPEG made by the browser's canvas, with an EXIF APP1 segment built
// here by hand (camera make, orientation, the GPS position of Samara) inserted after its SOI marker.

export const CAMERA = 'OtklikCam E2E';

function exif() {
  const make = Buffer.from(`${CAMERA}\0`, 'latin1');
  const ifd0 = 8;
  const makeAt = ifd0 + 2 + 3 * 12 + 4;
  const gpsAt = makeAt + make.length;
  const latAt = gpsAt + 2 + 4 * 12 + 4;
  const lonAt = latAt + 24;
  const tiff = Buffer.alloc(lonAt + 24);
  let at = 0;
  const u16 = (v) => { tiff.writeUInt16BE(v, at); at += 2; };
  const u32 = (v) => { tiff.writeUInt32BE(v, at); at += 4; };
  const entry = (tag, type, count, value) => { u16(tag); u16(type); u32(count); u32(value); };
  tiff.write('MM', 0, 'latin1'); at = 2; u16(42); u32(ifd0);
  u16(3);
  entry(0x010f, 2, make.length, makeAt);
  u16(0x0112); u16(3); u32(1); u16(1); u16(0);
  entry(0x8825, 4, 1, gpsAt);
  u32(0);
  make.copy(tiff, at); at += make.length;
  u16(4);
  u16(1); u16(2); u32(2); tiff.write('N\0\0\0', at, 'latin1'); at += 4;
  entry(2, 5, 3, latAt);
  u16(3); u16(2); u32(2); tiff.write('E\0\0\0', at, 'latin1'); at += 4;
  entry(4, 5, 3, lonAt);
  u32(0);
  for (const value of [53, 12, 0, 50, 9, 0]) { u32(value); u32(1); }
  return tiff;
}

/** The JPEG with the EXIF block after SOI. */
export function withGpsExif(jpeg) {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exif()]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** The markers of a JPEG's segments up to the scan: APP1 (0xFFE1) is where EXIF lives. */
export function segmentMarkers(jpeg) {
  const markers = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg.readUInt16BE(at);
    markers.push(marker);
    if (marker === 0xffda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}
