/** A segment rule (version 1) whose root is an AND group of these conditions, as the API takes it. */
export const rule = (...conditions: unknown[]) => ({
  version: 1,
  root: { type: 'group', combinator: 'and', rules: conditions },
});
