import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';

export function CustomerSearchForm({
  initialQuery,
  onSearch,
}: {
  initialQuery: string;
  onSearch: (q: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialQuery);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(text.trim());
  }

  return (
    <form role="search" className="search-form" onSubmit={submit}>
      <Field label={t('customers.search.label')} hint={t('customers.search.hint')}>
        {(control) => (
          <div className="search-form__row">
            <input
              {...control}
              className="input"
              type="search"
              name="q"
              value={text}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setText(event.target.value)}
            />
            <Button type="submit" variant="primary">
              {t('customers.search.submit')}
            </Button>
          </div>
        )}
      </Field>
    </form>
  );
}
