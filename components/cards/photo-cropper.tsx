'use client';

import { useState } from 'react';
import Cropper, { type Area } from 'react-easy-crop';
import type { PercentArea } from '@/components/cards/card-avatar';
import { Label } from '@/components/ui/label';
import type { PixelArea } from '@/lib/photos/browser';

const FRAME = 280;
/** Pixels per arrow key press (a fifth with Shift): a press visibly moves the photo. */
const KEYBOARD_STEP = 10;
/** The zoom slider's step: 10 % of the photo's size per arrow key (0.01 made a press invisible). */
const ZOOM_STEP = 0.1;

/**
 * Square framing of the photo, with the round guide the iPhone crops to. Drag to move, use the
 * slider, the mouse wheel or a pinch to zoom; the arrow keys move the photo when it has focus.
 */
export function PhotoCropper({ src, onChange }: { src: string; onChange: (area: { percent: PercentArea; pixels: PixelArea }) => void }) {
  const [crop, setCrop] = useState({ x: 0, y: 0 });
  const [zoom, setZoom] = useState(1);

  return (
    <div className="flex flex-col items-center gap-3">
      <div className="relative overflow-hidden rounded-lg bg-[#1d1d1f]" style={{ width: FRAME, height: FRAME }}>
        <Cropper
          image={src}
          crop={crop}
          zoom={zoom}
          aspect={1}
          cropShape="rect"
          cropSize={{ width: FRAME, height: FRAME }}
          objectFit="cover"
          showGrid={false}
          minZoom={1}
          maxZoom={4}
          onCropChange={setCrop}
          onZoomChange={setZoom}
          onCropComplete={(percent: Area, pixels: Area) => onChange({ percent, pixels })}
          mediaProps={{ alt: 'Photo being framed' }}
          keyboardStep={KEYBOARD_STEP}
          cropperProps={{
            role: 'group',
            'aria-label': 'Framing area',
            'aria-describedby': 'crop-hint',
          }}
          classes={{ cropAreaClassName: 'focus-visible:outline-3 focus-visible:outline-offset-[-3px] focus-visible:outline-[#0a84ff]' }}
        />
        {/* The round guide: what stays visible in the iPhone's circle. */}
        <div aria-hidden className="pointer-events-none absolute inset-0 rounded-full shadow-[0_0_0_9999px_rgba(0,0,0,0.45)] ring-2 ring-white/90" />
      </div>
      <p id="crop-hint" className="max-w-[280px] text-center text-xs text-muted-foreground">
        Drag the photo, or focus the framing area and move it with the arrow keys (hold Shift for small steps).
      </p>
      <div className="flex w-full max-w-[280px] items-center gap-3">
        <Label htmlFor="photo-zoom" className="shrink-0">
          Zoom
        </Label>
        <input
          id="photo-zoom"
          type="range"
          min={1}
          max={4}
          step={ZOOM_STEP}
          value={zoom}
          aria-valuetext={`${Math.round(zoom * 100)} %`}
          onChange={(event) => setZoom(Number(event.target.value))}
          className="w-full accent-primary"
        />
      </div>
    </div>
  );
}
