import type { CSSProperties } from 'react';
import { cn } from '@/lib/utils';

/** The part of a photo to show, in percent of its width and height (from the cropper). */
export interface PercentArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type AvatarPhoto = { src: string; area?: PercentArea } | null;

export function initials(firstName: string, lastName: string): string {
  const letters = [firstName, lastName].map((part) => [...part.trim()][0] ?? '').join('');
  return letters.toUpperCase() || '?';
}

// Shows exactly the framed square of a photo without drawing it: the background is scaled so
// the area fills the circle, which keeps the preview live while the crop moves.
function photoStyle(photo: NonNullable<AvatarPhoto>): CSSProperties {
  const area = photo.area ?? { x: 0, y: 0, width: 100, height: 100 };
  const position = (offset: number, size: number) => (size >= 100 ? 0 : (offset / (100 - size)) * 100);
  return {
    backgroundImage: `url("${photo.src}")`,
    backgroundSize: `${(100 / area.width) * 100}% ${(100 / area.height) * 100}%`,
    backgroundPosition: `${position(area.x, area.width)}% ${position(area.y, area.height)}%`,
  };
}

/** A round contact photo as iOS draws it, or the grey monogram when there is no photo. */
export function CardAvatar({
  firstName,
  lastName,
  photo,
  className,
  label,
}: {
  firstName: string;
  lastName: string;
  photo: AvatarPhoto;
  className?: string;
  /** The accessible name, when "Contact photo" is not enough (the before and after of a change). */
  label?: string;
}) {
  return (
    <div
      role="img"
      aria-label={label ?? (photo ? 'Contact photo' : `Monogram ${initials(firstName, lastName)}`)}
      className={cn(
        'flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-gradient-to-b from-[#a5abb8] to-[#858994] bg-no-repeat font-medium text-white select-none',
        className,
      )}
      style={photo ? photoStyle(photo) : undefined}
    >
      {!photo && <span className="text-[0.42em] leading-none tracking-wide">{initials(firstName, lastName)}</span>}
    </div>
  );
}
