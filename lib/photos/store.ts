import 'server-only';
import { db } from '@/lib/db';
import type { ProcessedPhoto } from '@/lib/photos/process';

/** Keeps a processed photo; the same photo uploaded twice is stored once. */
export async function storePhoto(photo: ProcessedPhoto, uploadedById: string): Promise<void> {
  await db.photo.upsert({
    where: { hash: photo.hash },
    create: { hash: photo.hash, bytes: new Uint8Array(photo.jpeg), width: photo.width, height: photo.height, uploadedById },
    update: {},
  });
}

export async function findPhoto(hash: string): Promise<Uint8Array | null> {
  const photo = await db.photo.findUnique({ where: { hash }, select: { bytes: true } });
  return photo?.bytes ?? null;
}
