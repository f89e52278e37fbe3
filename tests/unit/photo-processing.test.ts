import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '@/lib/photos/limits';
import { PhotoError, processPhoto } from '@/lib/photos/process';
import { sniffImageType } from '@/lib/photos/sniff';

// Fixtures are made here, small, from code: nothing binary is committed.
const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3366cc' } });

async function refusal(bytes: Buffer): Promise<string> {
  const error = await processPhoto(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhotoError);
  return (error as PhotoError).message;
}

describe('processPhoto', () => {
  it('turns a PNG into a 512×512 JPEG, cropped square', async () => {
    const result = await processPhoto(await solid(800, 600).png().toBuffer());
    const meta = await sharp(result.jpeg).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 512, 512]);
    expect(result.hash).toMatch(/^[a-f0-9]{64}$/);
  });

  it('accepts a JPEG and strips its metadata (EXIF, ICC)', async () => {
    const withExif = await solid(600, 600)
      .withMetadata({ exif: { IFD0: { Copyright: 'Secret GPS place', Make: 'PhoneCo' } } })
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif?.length).toBeGreaterThan(0);
    const result = await processPhoto(withExif);
    const meta = await sharp(result.jpeg).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(result.jpeg.includes(Buffer.from('Secret GPS place'))).toBe(false);
  });

  it('accepts WebP and gives the same output for the same input', async () => {
    const webp = await solid(300, 300).webp().toBuffer();
    const [a, b] = await Promise.all([processPhoto(webp), processPhoto(webp)]);
    expect(a.hash).toBe(b.hash);
  });

  it('refuses SVG, even though it is an image format the library could draw', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect(sniffImageType(svg)).toBe('image/svg+xml');
    expect(await refusal(svg)).toBe('SVG drawings cannot be used as a contact photo. Choose a JPEG, PNG, WebP or HEIC photo.');
  });

  it('refuses a text file renamed .jpg', async () => {
    expect(await refusal(Buffer.from('Dear customer, this is not a photo.'))).toBe(
      'This file is not a photo the console can use. Choose a JPEG, PNG, WebP or HEIC photo.',
    );
  });

  it('refuses a truncated file', async () => {
    const png = await solid(400, 400).png({ compressionLevel: 0 }).toBuffer();
    expect(await refusal(png.subarray(0, Math.floor(png.length / 2)))).toBe(
      'This photo could not be read; it may be damaged or incomplete. Save it again and retry.',
    );
  });

  it('refuses a file over 10 MB before decoding it', async () => {
    const big = Buffer.concat([await solid(10, 10).png().toBuffer(), Buffer.alloc(MAX_PHOTO_BYTES)]);
    expect(await refusal(big)).toMatch(/^The photo is 10\.0 MB; the limit is 10\.0 MB\. Choose a smaller file\.$/);
  });

  it('refuses a small file that would decode to too many pixels (decompression bomb)', async () => {
    const bomb = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: '#000000' }, limitInputPixels: false })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb)).toBe('The photo has more pixels than the console accepts. Use a smaller version.');
  });

  it('refuses an empty file and a GIF', async () => {
    expect(await refusal(Buffer.alloc(0))).toBe('The photo file is empty.');
    expect(await refusal(await solid(20, 20).gif().toBuffer())).toContain('not a photo the console can use');
  });
});
