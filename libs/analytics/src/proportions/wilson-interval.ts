import {
  checkConfidence,
  checkProportion,
  StatisticInputError,
  type Interval,
  type Proportion,
} from '../analytics-error';
import { zCritical } from './normal';

/**
 * Wilson's score interval for one proportion (Wilson 1927; Newcombe 1998, method 3 of the single
 * proportion paper): it stays inside [0, 1] and keeps near-nominal coverage at 0 or n successes,
 * where the Wald interval collapses to a point.
 */
export function wilsonInterval(group: Proportion, confidence = 0.95): Interval {
  checkProportion('Wilson interval', 'group', group);
  checkConfidence('Wilson interval', confidence);
  const { x, n } = group;
  if (n === 0) throw new StatisticInputError('Wilson interval', 'group.n', 'must be at least 1', n);
  const z = zCritical(confidence);
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  // Exact ends at 0 and n (floating point leaves 1e-17 either side otherwise).
  return { lower: x === 0 ? 0 : Math.max(0, centre - half), upper: x === n ? 1 : Math.min(1, centre + half) };
}
