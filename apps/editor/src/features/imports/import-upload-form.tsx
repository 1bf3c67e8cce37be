import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbortError } from '../../api/api-client';
import { useFormatters } from '../../session/use-formatters';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { percentOf } from '../../ui/format';
import { Notice } from '../../ui/notice';
import { ProgressBar } from '../../ui/progress-bar';
import { FileDropZone } from './file-drop-zone';
import {
  IMPORT_ENCODINGS,
  IMPORT_KINDS,
  isImportKind,
  type ImportEncoding,
  type ImportJob,
  type ImportKind,
} from './import-job';
import { useUploadImport, type ImportUpload } from './imports.api';
import { UploadError } from './upload-error';

interface FormErrors {
  kind?: string;
  file?: string;
}

export function ImportUploadForm() {
  const { t } = useTranslation();
  const format = useFormatters();
  const upload = useUploadImport();
  const [kind, setKind] = useState<ImportKind | ''>('');
  const [encoding, setEncoding] = useState<ImportEncoding>('utf8');
  const [source, setSource] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [queued, setQueued] = useState<ImportJob | null>(null);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: FormErrors = {};
    if (!kind) next.kind = t('imports.form.kindRequired');
    if (!file) next.file = t('imports.form.fileRequired');
    setErrors(next);
    setQueued(null);
    if (!kind || !file) return;
    send({ kind, encoding, source, file });
  }

  function send(request: ImportUpload) {
    setQueued(null);
    upload.mutate(request, {
      onSuccess: (job) => {
        setQueued(job);
        setFile(null);
      },
    });
  }

  const uploading = upload.isPending;
  const { progress } = upload;
  const percent = progress ? percentOf(progress.loaded, progress.total) : null;
  // Every byte is out: the engine is now storing the file and reading its header.
  const sent = percent === 100;

  return (
    <form className="form form--wide" onSubmit={submit} noValidate aria-busy={uploading}>
      <div className="form__row">
        <Field
          label={t('imports.form.kind')}
          hint={kind ? t(`imports.kindHint.${kind}`) : undefined}
          error={errors.kind}
        >
          {(control) => (
            <select
              {...control}
              className="select"
              name="kind"
              value={kind}
              disabled={uploading}
              onChange={(event) => setKind(isImportKind(event.target.value) ? event.target.value : '')}
            >
              <option value="">{t('imports.form.kindPlaceholder')}</option>
              {IMPORT_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`imports.kind.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('imports.form.encoding')} hint={t('imports.form.encodingHint')}>
          {(control) => (
            <select
              {...control}
              className="select"
              name="encoding"
              value={encoding}
              disabled={uploading}
              onChange={(event) => setEncoding(event.target.value === 'sjis' ? 'sjis' : 'utf8')}
            >
              {IMPORT_ENCODINGS.map((value) => (
                <option key={value} value={value}>
                  {t(`imports.encoding.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('imports.form.source')} optional={t('ui.optional')} hint={t('imports.form.sourceHint')}>
          {(control) => (
            <input
              {...control}
              className="input"
              name="source"
              value={source}
              disabled={uploading}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setSource(event.target.value)}
            />
          )}
        </Field>
      </div>

      <Field label={t('imports.form.file')} hint={t('imports.form.fileHint')} error={errors.file}>
        {(control) => (
          <FileDropZone
            control={control}
            file={file}
            disabled={uploading}
            onFile={(next) => {
              setFile(next);
              setErrors((current) => ({ ...current, file: undefined }));
            }}
            onTooMany={() => setErrors((current) => ({ ...current, file: t('imports.form.oneFileOnly') }))}
          />
        )}
      </Field>

      {uploading && progress && (
        <div className="upload-progress">
          <ProgressBar
            label={t('imports.form.uploadProgress')}
            value={sent ? null : percent}
            valueText={t('imports.form.uploadedOf', {
              loaded: format.bytes(progress.loaded),
              total: format.bytes(progress.total),
            })}
          />
          <p className="upload-progress__text">
            {sent
              ? t('imports.form.waitingForEngine')
              : t('imports.form.uploadedOf', {
                  loaded: format.bytes(progress.loaded),
                  total: format.bytes(progress.total),
                })}
          </p>
        </div>
      )}

      {upload.isError && !isAbortError(upload.error) && (
        <UploadError
          error={upload.error}
          chosen={upload.variables.encoding}
          onRetryAs={(next) => {
            setEncoding(next);
            send({ ...upload.variables, encoding: next });
          }}
        />
      )}
      {upload.isError && isAbortError(upload.error) && (
        <Notice tone="info" role="status" title={t('imports.form.cancelled')} />
      )}
      {queued && (
        <Notice tone="success" role="status" title={t('imports.form.queuedTitle')}>
          <p>{t('imports.form.queued', { name: queued.fileName })}</p>
        </Notice>
      )}

      <div className="form__actions">
        <Button type="submit" variant="primary" busy={uploading}>
          {uploading ? t('imports.form.uploading') : t('imports.form.submit')}
        </Button>
        {uploading && (
          <Button variant="secondary" onClick={upload.cancel}>
            {t('imports.form.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
