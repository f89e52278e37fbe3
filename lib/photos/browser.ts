// In the browser: early, friendly checks on a chosen photo, and drawing the framed square. The
// server checks everything again (lib/photos/process.ts); these only save people a round trip.
import { formatMegabytes, MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS } from '@/lib/photos/limits';
import { sniffImageType } from '@/lib/photos/sniff';

export interface PixelArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type CheckedPhoto = { ok: true; objectUrl: string; width: number; height: number } | { ok: false; error: string };

export async function checkPhotoFile(file: File): Promise<CheckedPhoto> {
  if (file.size === 0) return { ok: false, error: 'The photo file is empty.' };
  if (file.size > MAX_PHOTO_BYTES) {
    return { ok: false, error: `The photo is ${formatMegabytes(file.size)}; the limit is ${formatMegabytes(MAX_PHOTO_BYTES)}. Choose a smaller file.` };
  }
  const type = sniffImageType(new Uint8Array(await file.slice(0, 1024).arrayBuffer()));
  if (type === 'image/svg+xml') return { ok: false, error: 'SVG drawings cannot be used as a contact photo. Choose a JPEG, PNG, WebP or HEIC photo.' };
  if (type === null || type === 'image/gif')
    return { ok: false, error: 'This file is not a photo the console can use. Choose a JPEG, PNG, WebP or HEIC photo.' };

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return {
      ok: false,
      error:
        type === 'image/heic'
          ? 'This browser cannot open HEIC photos. Open it in Photos and export it as JPEG, or use Safari.'
          : 'This photo could not be read; it may be damaged or incomplete. Save it again and retry.',
    };
  }
  const { width, height } = bitmap;
  bitmap.close();
  if (width * height > MAX_PHOTO_PIXELS) return { ok: false, error: 'The photo has more pixels than the console accepts. Use a smaller version.' };
  return { ok: true, objectUrl: URL.createObjectURL(file), width, height };
}

/** Draws the framed square of the photo to a JPEG of at most 1024×1024 (the server makes it 512×512). */
export async function cropToJpeg(objectUrl: string, area: PixelArea): Promise<Blob> {
  const bitmap = await createImageBitmap(await (await fetch(objectUrl)).blob());
  const side = Math.min(1024, Math.round(area.width));
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, side, side);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, area.x, area.y, area.width, area.height, 0, 0, side, side);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be prepared.'))), 'image/jpeg', 0.92),
  );
}
