/**
 * Solves A x = b for a small symmetric positive-definite A (row-major, k x k) by Cholesky
 * decomposition. Returns null when A is not positive definite (the caller decides what that means).
 */
export function solveSymmetricPositiveDefinite(a: Float64Array, b: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j]!;
      for (let m = 0; m < j; m++) sum -= l[i * k + m]! * l[j * k + m]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * k + i] = Math.sqrt(sum);
      } else {
        l[i * k + j] = sum / l[j * k + j]!;
      }
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[i]!;
    for (let m = 0; m < i; m++) sum -= l[i * k + m]! * y[m]!;
    y[i] = sum / l[i * k + i]!;
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let m = i + 1; m < k; m++) sum -= l[m * k + i]! * x[m]!;
    x[i] = sum / l[i * k + i]!;
  }
  return x;
}
