/** The one line every benchmark ends with (DEVELOPERS.md). */
export function reportBench(result: {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  better: 'higher' | 'lower';
}): void {
  const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000);
  const ratio = result.baseline ? result.value / result.baseline : 0;
  process.stdout.write(
    `BENCH ${result.name} value=${round(result.value)} unit=${result.unit} baseline=${round(result.baseline)} ratio=${round(ratio)} better=${result.better}\n`,
  );
}

export function seconds(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e9;
}
