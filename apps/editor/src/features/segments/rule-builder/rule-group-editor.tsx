import type { ConditionType, GroupCombinator, Rule, RuleGroup } from '@kizuna/segments';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { ConditionEditor } from './condition-editor';
import { CONDITION_TYPES, newCondition, newGroup } from './new-condition';
import { useRuleBuilder } from './rule-builder-context';
import { groupIssues } from './rule-issues';
import { isGroup, issuePathOf, type RulePath } from './rule-tree';
import { SelectField } from './select-field';

export interface RuleGroupEditorProps {
  group: RuleGroup;
  path: RulePath;
  /** 1-based number among its siblings, for nested groups' names. */
  number?: number;
  onChange: (path: RulePath, rule: Rule) => void;
  onAppend: (groupPath: RulePath, rule: Rule) => void;
  onRemove: (path: RulePath) => void;
  /** Conditions left before the catalogue's limit, and whether another nesting level is allowed. */
  canAddCondition: boolean;
  maxGroupDepth: number;
}

/** AND / OR (optionally NOT) over its rules, each a condition or a nested group, and the buttons to add more. */
export function RuleGroupEditor(props: RuleGroupEditorProps) {
  const { group, path, number, onChange, onAppend, onRemove, canAddCondition, maxGroupDepth } = props;
  const { t } = useTranslation();
  const { catalogue, issues, disabled, focusPath, clearFocus } = useRuleBuilder();
  const actions = useRef<HTMLDivElement>(null);
  const [typeToAdd, setTypeToAdd] = useState<ConditionType>('attribute');
  const issuePath = issuePathOf(path);
  const own = groupIssues(issues, issuePath);
  const isRoot = path.length === 0;
  const legend = isRoot ? t('segments.builder.rootGroup') : t('segments.builder.nestedGroup', { number });
  const joiner = group.combinator === 'and' ? 'AND' : 'OR';

  // After a rule of this group is removed, focus goes to the group's "add" menu, not to the page.
  useEffect(() => {
    if (focusPath !== addFocusPath(issuePath)) return;
    actions.current?.querySelector<HTMLElement>('select')?.focus();
    clearFocus();
  }, [focusPath, issuePath, clearFocus]);

  return (
    <fieldset
      className={`rule-group rule-group--${group.combinator}${isRoot ? ' rule-group--root' : ''}`}
      data-rule-path={issuePath}
    >
      <legend className="rule-group__legend">{legend}</legend>
      <div className="rule-group__header">
        <SelectField<GroupCombinator>
          label={t('segments.builder.combinator')}
          value={group.combinator}
          options={catalogue.combinators}
          optionLabel={(combinator) => t(`segments.builder.${combinator}`)}
          onChange={(combinator) => onChange(path, { ...group, combinator })}
          disabled={disabled}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={group.negate === true}
            disabled={disabled}
            onChange={(event) => {
              const { negate: _dropped, ...rest } = group;
              onChange(path, event.target.checked ? { ...rest, negate: true } : rest);
            }}
          />
          {t('segments.builder.negate')}
        </label>
        {!isRoot && (
          <Button variant="ghost" onClick={() => onRemove(path)} disabled={disabled}>
            {t('segments.builder.removeGroup', { number })}
          </Button>
        )}
      </div>
      {group.rules.length === 0 ? (
        <p className="rule-group__empty">{t('segments.builder.emptyGroup')}</p>
      ) : (
        <ol className="rule-group__rules">
          {group.rules.map((rule, index) => {
            const childPath = [...path, index];
            return (
              // Rules have no ids of their own; their place is their identity, as in the stored JSON.
              <li key={index} className="rule-group__rule" data-joiner={index > 0 ? joiner : undefined}>
                {index > 0 && (
                  <span className="rule-group__joiner" aria-hidden="true">
                    {joiner}
                  </span>
                )}
                {isGroup(rule) ? (
                  <RuleGroupEditor {...props} group={rule} path={childPath} number={index + 1} />
                ) : (
                  <ConditionEditor
                    condition={rule}
                    number={index + 1}
                    issuePath={issuePathOf(childPath)}
                    onChange={(next) => onChange(childPath, next)}
                    onRemove={() => onRemove(childPath)}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      {own.length > 0 && (
        <p className="field__error" role="status">
          {own.map((issue) => issue.message).join('; ')}
        </p>
      )}
      <div className="rule-group__actions" ref={actions}>
        <SelectField<ConditionType>
          label={t('segments.builder.addConditionType')}
          value={typeToAdd}
          options={CONDITION_TYPES}
          optionLabel={(type) => t(`segments.conditionTypes.${type}`)}
          onChange={setTypeToAdd}
          disabled={disabled || !canAddCondition}
        />
        <Button
          onClick={() => onAppend(path, newCondition(typeToAdd, catalogue))}
          disabled={disabled || !canAddCondition}
        >
          {t('segments.builder.addCondition')}
        </Button>
        {path.length + 1 < maxGroupDepth && (
          <Button
            onClick={() => onAppend(path, newGroup(catalogue, group.combinator === 'and' ? 'or' : 'and'))}
            disabled={disabled || !canAddCondition}
          >
            {t('segments.builder.addGroup')}
          </Button>
        )}
      </div>
    </fieldset>
  );
}

/** The focus target of a group's "add" controls, for the builder to ask for after a removal. */
export function addFocusPath(groupIssuePath: string): string {
  return `${groupIssuePath}:add`;
}
