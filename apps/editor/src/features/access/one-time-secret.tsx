import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Notice } from '../../ui/notice';

type CopyState = 'idle' | 'copied' | 'failed';

export interface OneTimeSecretProps {
  title: string;
  warning: string;
  label: string;
  value: string;
  /** The admin has saved it: the secret leaves the page for good. */
  onDone: () => void;
}

/**
 * A password or key the engine shows once (it keeps only a hash): a warning, the value in a
 * read-only field to select, and a copy button. Clipboard access needs a secure context; where it
 * fails the text is selected for the admin to copy.
 */
export function OneTimeSecret({ title, warning, label, value, onDone }: OneTimeSecretProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  async function copyValue() {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      input.current?.select();
      setCopy('failed');
    }
  }

  return (
    <Notice tone="warning" title={title}>
      <p>{warning}</p>
      <div className="one-time-secret">
        <Field label={label}>
          {(control) => (
            <input
              {...control}
              ref={input}
              className="input input--mono"
              readOnly
              value={value}
              spellCheck={false}
              autoComplete="off"
              onFocus={(event) => event.currentTarget.select()}
            />
          )}
        </Field>
        <Button onClick={() => void copyValue()}>{t('access.secret.copy')}</Button>
      </div>
      <p role="status">
        {copy === 'copied' ? t('access.secret.copied') : copy === 'failed' ? t('access.secret.copyFailed') : ''}
      </p>
      <p>
        <Button variant="secondary" onClick={onDone}>
          {t('access.secret.done')}
        </Button>
      </p>
    </Notice>
  );
}
