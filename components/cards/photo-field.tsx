'use client';

import { ImageUp, Loader2 } from 'lucide-react';
import { useRef, useState, type DragEvent, type RefObject } from 'react';
import type { PercentArea } from '@/components/cards/card-avatar';
import { PhotoCropper } from '@/components/cards/photo-cropper';
import { FieldError } from '@/components/ui/field-error';
import { RadioOption } from '@/components/ui/radio-option';
import { TextField } from '@/components/ui/text-field';
import { checkPhotoFile, type PixelArea } from '@/lib/photos/browser';
import { PHOTO_ACCEPT_ATTRIBUTE } from '@/lib/photos/limits';
import { cn } from '@/lib/utils';

export type PhotoMode = 'keep' | 'upload' | 'url';

export interface PhotoState {
  mode: PhotoMode;
  /** Object URL of the chosen file (upload). */
  objectUrl?: string;
  fileName?: string;
  percent?: PercentArea;
  pixels?: PixelArea;
  /** Typed address (url). */
  url: string;
}

const MODES: Array<{ value: PhotoMode; label: string }> = [
  { value: 'upload', label: 'Upload a photo' },
  { value: 'url', label: 'Use a photo address' },
];

/** The file input, visually hidden: its label shows the keyboard focus instead. */
function FileChooser({
  label,
  inputRef,
  invalid,
  onChoose,
}: {
  label: string;
  inputRef: RefObject<HTMLInputElement | null>;
  invalid: boolean;
  onChoose: (file: File | undefined) => Promise<void>;
}) {
  return (
    <label className="cursor-pointer rounded-sm px-1 font-medium text-primary underline-offset-4 hover:underline has-[:focus-visible]:underline has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring has-[:focus-visible]:ring-offset-2">
      {label}
      <input
        ref={inputRef}
        type="file"
        accept={PHOTO_ACCEPT_ATTRIBUTE}
        className="sr-only"
        aria-label="Photo file"
        aria-describedby="photo-hint photo-error"
        aria-invalid={invalid}
        onChange={(event) => void onChoose(event.target.files?.[0])}
      />
    </label>
  );
}

export function PhotoField({
  state,
  onChange,
  hasCurrentPhoto,
  errors,
}: {
  state: PhotoState;
  onChange: (next: PhotoState) => void;
  hasCurrentPhoto: boolean;
  errors: { photo?: string[]; photoUrl?: string[] };
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [checking, setChecking] = useState(false);
  const [fileError, setFileError] = useState<string>();
  const [dragging, setDragging] = useState(false);

  async function choose(file: File | undefined) {
    if (!file) return;
    setChecking(true);
    setFileError(undefined);
    const checked = await checkPhotoFile(file);
    setChecking(false);
    if (!checked.ok) return setFileError(checked.error);
    if (state.objectUrl) URL.revokeObjectURL(state.objectUrl);
    onChange({ ...state, mode: 'upload', objectUrl: checked.objectUrl, fileName: file.name, percent: undefined, pixels: undefined });
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void choose(event.dataTransfer.files[0]);
  }

  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-2 text-sm font-medium">Photo</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {/* "keep" leaves the photo as it is: the current one, or none on a card without a photo. */}
        {[{ value: 'keep' as const, label: hasCurrentPhoto ? 'Keep the current photo' : 'No photo' }, ...MODES].map((m) => (
          <RadioOption
            key={m.value}
            name="photoModeChoice"
            value={m.value}
            checked={state.mode === m.value}
            onChange={() => onChange({ ...state, mode: m.value })}
          >
            {m.label}
          </RadioOption>
        ))}
      </div>

      {state.mode === 'upload' && (
        <div className="flex flex-col gap-3">
          {state.objectUrl ? (
            // Once a file is chosen the drop zone gives way to the cropper; another file can still be chosen.
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
              <p id="photo-hint">
                Framing <span className="font-medium text-foreground">{state.fileName}</span>: drag to move it, zoom to fit the circle.
              </p>
              <FileChooser label="Choose another file" inputRef={inputRef} invalid={Boolean(errors.photo?.length ?? fileError)} onChoose={choose} />
            </div>
          ) : (
            <div
              onDragOver={(event) => {
                event.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
              className={cn(
                'flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-4 text-center text-sm text-muted-foreground',
                dragging && 'border-primary bg-primary/5',
              )}
            >
              <ImageUp className="size-6" aria-hidden />
              <p>Drop a photo here, or</p>
              <FileChooser label="choose a file" inputRef={inputRef} invalid={Boolean(errors.photo?.length ?? fileError)} onChoose={choose} />
              <p id="photo-hint" className="text-xs">
                JPEG, PNG, WebP or HEIC, up to 10 MB. You frame it next; it is saved as a 512×512 photo.
              </p>
            </div>
          )}
          {checking && (
            <p className="flex items-center gap-1 text-xs text-muted-foreground">
              <Loader2 className="size-3 animate-spin" aria-hidden /> Reading the photo…
            </p>
          )}
          {/* The error from the last save wins; the editor clears it as soon as the photo changes. */}
          <FieldError id="photo-error" messages={errors.photo ?? (fileError ? [fileError] : undefined)} />
          {state.objectUrl && (
            <PhotoCropper key={state.objectUrl} src={state.objectUrl} onChange={({ percent, pixels }) => onChange({ ...state, percent, pixels })} />
          )}
        </div>
      )}

      {state.mode === 'url' && (
        <TextField
          id="photo-url"
          label="Photo address"
          type="url"
          inputMode="url"
          placeholder="https://cdn.example.com/logo.jpg"
          value={state.url}
          onChange={(event) => onChange({ ...state, url: event.target.value })}
          hint="A public HTTPS address: Linq downloads the photo from it. Use a square photo; it is shown in a circle."
          errors={errors.photoUrl}
        />
      )}
    </fieldset>
  );
}
