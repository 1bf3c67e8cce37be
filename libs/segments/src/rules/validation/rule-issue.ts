/** One problem of a rule: where (`root.rules.2.field`) and what, for the editor to show in place. */
export interface RuleIssue {
  path: string;
  message: string;
}
