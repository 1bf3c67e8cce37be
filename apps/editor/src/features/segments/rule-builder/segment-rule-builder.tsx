import type { Rule, RuleIssue, SegmentCatalogue, SegmentRule } from '@kizuna/segments';
import { validateSegmentRule } from '@kizuna/segments';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RuleBuilderContext, type RuleBuilderContextValue, type SegmentOption } from './rule-builder-context';
import { addFocusPath, RuleGroupEditor } from './rule-group-editor';
import {
  appendRule,
  countConditions,
  isGroup,
  issuePathOf,
  removeRule,
  replaceRule,
  ruleAt,
  type RulePath,
} from './rule-tree';
import './rule-builder.css';

/**
 * The segment rule builder: nested AND/OR groups of typed conditions over the rule language of
 * libs/segments, validated in the browser with the engine's own validator, every issue shown at the
 * control it concerns. A controlled component: it holds no rule of its own.
 *
 * Usage (the catalogue from GET /api/v1/segments/catalogue, see `useSegmentCatalogue`):
 *
 *   const catalogue = useSegmentCatalogue();
 *   const [rule, setRule] = useState(emptySegmentRule);
 *   if (catalogue.data) return <SegmentRuleBuilder value={rule} onChange={setRule} catalogue={catalogue.data} />;
 *
 * A journey's branch condition passes its own `label`; `segments` fills the "other segment" menu;
 * `validateSegmentRule(rule).ok` tells whether the rule can be saved.
 */
export interface SegmentRuleBuilderProps {
  value: SegmentRule;
  onChange: (rule: SegmentRule) => void;
  catalogue: SegmentCatalogue;
  /** Segments a `segment` condition can point at (leave out the one being edited). */
  segments?: readonly SegmentOption[];
  /** Names the builder for assistive technology; default "Segment conditions". */
  label?: string;
  disabled?: boolean;
}

export function SegmentRuleBuilder({
  value,
  onChange,
  catalogue,
  segments = [],
  label,
  disabled = false,
}: SegmentRuleBuilderProps) {
  const { t } = useTranslation();
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const clearFocus = useCallback(() => setFocusPath(null), []);
  const issues: readonly RuleIssue[] = useMemo(() => {
    const validation = validateSegmentRule(value);
    return validation.ok ? [] : validation.issues;
  }, [value]);

  const context: RuleBuilderContextValue = useMemo(
    () => ({ catalogue, segments, issues, disabled, focusPath, clearFocus }),
    [catalogue, segments, issues, disabled, focusPath, clearFocus],
  );
  const { limits } = catalogue;
  const conditions = countConditions(value.root);
  const setRoot = (root: SegmentRule['root']) => onChange({ ...value, root });

  const change = (path: RulePath, rule: Rule) => {
    if (path.length === 0) {
      if (isGroup(rule)) setRoot(rule);
      return;
    }
    setRoot(replaceRule(value.root, path, rule));
  };
  const append = (groupPath: RulePath, rule: Rule) => {
    const next = appendRule(value.root, groupPath, rule);
    // Focus the first condition of what was added (a new group starts with one).
    setFocusPath(issuePathOf(isGroup(rule) ? [...next.path, 0] : next.path));
    setRoot(next.root);
  };

  const remove = (path: RulePath) => {
    const root = removeRule(value.root, path);
    // The parent group may be gone with its last rule: focus the nearest group that is still there.
    let groupPath = path.slice(0, -1);
    while (groupPath.length > 0 && !stillGroup(root, groupPath)) groupPath = groupPath.slice(0, -1);
    setFocusPath(addFocusPath(issuePathOf(groupPath)));
    setRoot(root);
  };

  return (
    <RuleBuilderContext value={context}>
      <div className="rule-builder" role="group" aria-label={label ?? t('segments.builder.label')}>
        <RuleGroupEditor
          group={value.root}
          path={[]}
          onChange={change}
          onAppend={append}
          onRemove={remove}
          canAddCondition={conditions < limits.maxConditions}
          maxGroupDepth={limits.maxGroupDepth}
        />
        <p className="rule-builder__status muted" aria-live="polite">
          {t('segments.builder.conditionCount', { count: conditions, max: limits.maxConditions })}
          {issues.length > 0 && ` · ${t('segments.builder.issues', { count: issues.length })}`}
        </p>
      </div>
    </RuleBuilderContext>
  );
}

function stillGroup(root: SegmentRule['root'], path: RulePath): boolean {
  const rule = ruleAt(root, path);
  return rule !== undefined && isGroup(rule);
}
