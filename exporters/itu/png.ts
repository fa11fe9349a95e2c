// The pixel size of a PNG image, read from its IHDR chunk, so an embedded figure keeps its
// proportions. Anything that is not a PNG gives undefined.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function pngSize(data: Uint8Array): { width: number; height: number } | undefined {
  if (data.length < 24 || SIGNATURE.some((byte, i) => data[i] !== byte)) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}
