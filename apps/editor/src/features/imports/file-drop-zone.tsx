import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import type { FieldControlProps } from '../../ui/field';

export interface FileDropZoneProps {
  control: FieldControlProps;
  file: File | null;
  onFile: (file: File | null) => void;
  /** Told when more than one file was dropped. */
  onTooMany: () => void;
  disabled?: boolean;
}

/**
 * A native file input (so the keyboard and screen readers get the browser's own control) inside an
 * area that also accepts a dropped file.
 */
export function FileDropZone({ control, file, onFile, onTooMany, disabled = false }: FileDropZoneProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  // A file dropped beside the zone would otherwise make the browser leave the page and open the CSV.
  useEffect(() => {
    const keepPage = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', keepPage);
    window.addEventListener('drop', keepPage);
    return () => {
      window.removeEventListener('dragover', keepPage);
      window.removeEventListener('drop', keepPage);
    };
  }, []);

  // The form resets by setting the file to null; an <input type=file> can only be cleared through its value.
  useEffect(() => {
    if (file === null && input.current) input.current.value = '';
  }, [file]);

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const files = event.dataTransfer.files;
    if (files.length > 1) {
      onTooMany();
      return;
    }
    const dropped = files[0];
    if (!dropped) return;
    if (input.current) input.current.files = files;
    onFile(dropped);
  }

  return (
    <div
      className={['drop-zone', dragging && 'drop-zone--active', disabled && 'drop-zone--disabled']
        .filter(Boolean)
        .join(' ')}
      onDragEnter={(event) => {
        event.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={drop}
    >
      <p className="drop-zone__prompt" aria-hidden="true">
        {t('imports.form.dropHere')}
      </p>
      <input
        {...control}
        ref={input}
        className="file-input"
        type="file"
        name="file"
        accept=".csv,.txt,text/csv"
        disabled={disabled}
        onChange={(event) => onFile(event.target.files?.[0] ?? null)}
      />
      {file && (
        <p className="drop-zone__file">
          {t('imports.form.selectedFile', { name: file.name, size: format.bytes(file.size) })}
        </p>
      )}
    </div>
  );
}
