import { validateSegmentRule } from '@kizuna/segments';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../../ui/field';

export interface RuleJsonEditorProps {
  label: string;
  value: unknown;
  onChange: (rule: unknown) => void;
  /** The node's issue for this rule, from libs/journey. */
  error: string | null;
}

/**
 * A branch condition's segment rule as JSON, checked as it is typed by the segments library's own
 * validator. Stands in for the segment rule builder (apps/editor/src/features/segments) until that
 * component lands; text that is not JSON is kept here and not saved.
 */
export function RuleJsonEditor({ label, value, onChange, error }: RuleJsonEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const [synced, setSynced] = useState(value);
  // The rule changed elsewhere (undo): show it (React's "adjust state on prop change" pattern).
  if (synced !== value) {
    setSynced(value);
    if (!parseError) setDraft(JSON.stringify(value ?? null, null, 2));
  }
  const validation = parseError ? null : validateSegmentRule(value);
  const ruleIssues =
    validation && !validation.ok
      ? validation.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
      : null;
  const shown = parseError
    ? t('canvas.forms.ruleInvalid', { reason: parseError })
    : ruleIssues
      ? t('canvas.forms.ruleIssues', { issues: ruleIssues })
      : error;
  return (
    <Field label={label} hint={t('canvas.forms.ruleHint')} error={shown}>
      {(control) => (
        <textarea
          {...control}
          className="input input--mono journey-form__json"
          rows={8}
          spellCheck={false}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            try {
              const parsed: unknown = JSON.parse(event.target.value);
              setParseError(null);
              setSynced(parsed);
              onChange(parsed);
            } catch (cause) {
              setParseError(cause instanceof Error ? cause.message : String(cause));
            }
          }}
        />
      )}
    </Field>
  );
}
