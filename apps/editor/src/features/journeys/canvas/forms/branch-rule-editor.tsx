import type { SegmentRule } from '@kizuna/segments';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSegmentCatalogue } from '../../../segments/rule-builder/catalogue.api';
import { SegmentRuleBuilder } from '../../../segments/rule-builder/segment-rule-builder';
import { useSegments } from '../canvas.api';
import { isRecord } from '../flow-graph';
import { RuleJsonEditor } from './rule-json-editor';

export interface BranchRuleEditorProps {
  label: string;
  value: unknown;
  onChange: (rule: unknown) => void;
  error: string | null;
}

/**
 * A branch condition's rule in the segments pages' rule builder (the same language, fields and
 * validation), or as JSON: on request, while the catalogue loads, or for a rule the builder cannot
 * show (a draft saved with a malformed rule).
 */
export function BranchRuleEditor({ label, value, onChange, error }: BranchRuleEditorProps) {
  const { t } = useTranslation();
  const catalogue = useSegmentCatalogue();
  const segments = useSegments();
  const [asJson, setAsJson] = useState(false);
  const fits = hasRuleShape(value);
  return (
    <div className="journey-form__rule">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={asJson || !fits}
          disabled={!fits}
          onChange={(event) => setAsJson(event.target.checked)}
        />
        {t('canvas.forms.editAsJson')}
      </label>
      {!asJson && fits && catalogue.data ? (
        <>
          <SegmentRuleBuilder
            value={value}
            onChange={onChange}
            catalogue={catalogue.data}
            segments={(segments.data ?? []).map((segment) => ({ id: segment.id, name: segment.name }))}
            label={label}
          />
          {error && <p className="field__error">{error}</p>}
        </>
      ) : (
        <RuleJsonEditor label={t('canvas.forms.rule')} value={value} onChange={onChange} error={error} />
      )}
    </div>
  );
}

/** Whether the builder can show the rule: a version 1 rule whose root is a group with a list of rules. */
function hasRuleShape(value: unknown): value is SegmentRule {
  return (
    isRecord(value) &&
    value['version'] === 1 &&
    isRecord(value['root']) &&
    value['root']['type'] === 'group' &&
    Array.isArray(value['root']['rules'])
  );
}
