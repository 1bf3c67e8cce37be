/** Drops keys whose value is undefined, so optional fields stay absent rather than `undefined`. */
export function withoutUndefined<T extends object>(value: T): T {
  const result = {} as T;
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) result[key] = value[key];
  return result;
}
