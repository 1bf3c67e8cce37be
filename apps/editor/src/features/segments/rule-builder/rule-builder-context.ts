import type { RuleIssue, SegmentCatalogue } from '@kizuna/segments';
import { createContext, useContext } from 'react';

/** A segment a `segment` condition can point at. */
export interface SegmentOption {
  id: number;
  name: string;
}

/** What every editor in the tree reads; the rule itself travels down as props, one path at a time. */
export interface RuleBuilderContextValue {
  catalogue: SegmentCatalogue;
  segments: readonly SegmentOption[];
  issues: readonly RuleIssue[];
  disabled: boolean;
  /** The issue path of the rule whose first control should take focus after it was added. */
  focusPath: string | null;
  clearFocus: () => void;
}

export const RuleBuilderContext = createContext<RuleBuilderContextValue | null>(null);

export function useRuleBuilder(): RuleBuilderContextValue {
  const value = useContext(RuleBuilderContext);
  if (!value) throw new Error('useRuleBuilder outside <SegmentRuleBuilder>');
  return value;
}
