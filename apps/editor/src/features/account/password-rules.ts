/**
 * The engine's minimum, counted as it counts (string length, apps/engine/src/users/password-hashing.ts);
 * checked here first so the form says so beside the field.
 */
export const PASSWORD_MIN_LENGTH = 12;

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

export type PasswordProblem = 'required' | 'tooShort' | 'mismatch';

/** What is wrong with each field of the change-password form before it is sent; empty when nothing. */
export function passwordChangeProblems(change: PasswordChange): Partial<Record<keyof PasswordChange, PasswordProblem>> {
  const problems: Partial<Record<keyof PasswordChange, PasswordProblem>> = {};
  if (change.currentPassword === '') problems.currentPassword = 'required';
  if (change.newPassword === '') problems.newPassword = 'required';
  else if (change.newPassword.length < PASSWORD_MIN_LENGTH) problems.newPassword = 'tooShort';
  if (change.confirmation === '') problems.confirmation = 'required';
  else if (change.confirmation !== change.newPassword) problems.confirmation = 'mismatch';
  return problems;
}
