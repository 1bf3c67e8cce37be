import { fitPropensity, rankAuc, splitRowsByCustomer, type PropensityDataset } from '@kizuna/scoring';
import { PROPENSITY_FEATURES } from '../../../apps/engine/src/scoring/sql/propensity-features.sql';
import { seconds } from './bench-report';
import { seededRandom } from '../../../libs/analytics/src/testing/seeded-random';

/**
 * Send rows shaped like the engine's (PROPENSITY_FEATURES: RFM scores 1-5, log tenure, earlier
 * sends and answer rates per channel, log days since the last message, top series share, a
 * one-hot stable segment), each customer with a few sends, answered with the probability of a
 * known logistic model (response rate about 8 %).
 */
function drawSends(rows: number, seed: number): { dataset: PropensityDataset; trueProbability: Float64Array } {
  const random = seededRandom(seed);
  const p = PROPENSITY_FEATURES.length;
  const features = new Float64Array(rows * p);
  const responded = new Uint8Array(rows);
  const customerIds = new Int32Array(rows);
  const trueProbability = new Float64Array(rows);
  const index = new Map(PROPENSITY_FEATURES.map((name, j) => [name, j]));
  const effect = new Float64Array(p);
  effect[index.get('r_score')!] = 0.25;
  effect[index.get('f_score')!] = 0.15;
  effect[index.get('past_answer_rate_email')!] = 2.0;
  effect[index.get('log_past_sends_email')!] = -0.2;
  effect[index.get('log_days_since_message')!] = 0.1;
  effect[index.get('top_series_share')!] = 0.5;
  effect[index.get('stable_segment_core')!] = 0.4;
  const segments = PROPENSITY_FEATURES.filter((name) => name.startsWith('stable_segment_'));
  let customer = 0;
  let sendsLeft = 0;
  const profile = new Float64Array(p);
  for (let i = 0; i < rows; i++) {
    if (sendsLeft === 0) {
      customer++;
      sendsLeft = 1 + Math.floor(random() * 6);
      profile.fill(0);
      for (const name of ['r_score', 'f_score', 'm_score']) profile[index.get(name)!] = 1 + Math.floor(random() * 5);
      profile[index.get('log_tenure_days')!] = Math.log1p(random() * 1500);
      profile[index.get('top_series_share')!] = random();
      profile[index.get(segments[Math.floor(random() * segments.length)]!)!] = 1;
      for (const channel of ['email', 'line', 'sms', 'dm']) {
        profile[index.get(`log_past_sends_${channel}`)!] = Math.log1p(Math.floor(random() * 20));
        profile[index.get(`past_answer_rate_${channel}`)!] = random() * random();
      }
    }
    sendsLeft--;
    profile[index.get('log_days_since_message')!] = Math.log1p(random() * 60);
    features.set(profile, i * p);
    let eta = -4.4;
    for (let j = 0; j < p; j++) eta += effect[j]! * profile[j]!;
    trueProbability[i] = 1 / (1 + Math.exp(-eta));
    responded[i] = random() < trueProbability[i]! ? 1 : 0;
    customerIds[i] = customer;
  }
  return { dataset: { featureNames: PROPENSITY_FEATURES, features, responded, customerIds }, trueProbability };
}

/**
 * Propensity fit on `rows` synthetic sends (issue 7: 1,000,000 in under 30 s): wall and CPU time
 * of fitPropensity (standardisation, IRLS, held-out AUC and calibration), and its held-out AUC
 * against the AUC of the true probabilities on the same rows (the best any model could do).
 * Returns the fit's wall time in seconds.
 */
export function benchPropensityFit(rows = 1_000_000): number {
  let started = process.hrtime.bigint();
  const { dataset, trueProbability } = drawSends(rows, 7);
  console.log(
    `propensity: ${rows.toLocaleString()} send rows x ${PROPENSITY_FEATURES.length} features drawn in ${seconds(started).toFixed(1)} s`,
  );
  started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const fit = fitPropensity(dataset, { l2: 1 });
  const took = seconds(started);
  const cpu = process.cpuUsage(cpuBefore);
  const { heldOut } = splitRowsByCustomer(dataset.customerIds, 0.2);
  const bestAuc = rankAuc(trueProbability, dataset.responded, heldOut);
  console.log(
    `propensity fit ${took.toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s ` +
      `(${fit.metrics.iterations} Newton iterations, converged ${fit.metrics.converged}); ` +
      `held-out AUC ${fit.metrics.auc.toFixed(4)} (true model ${bestAuc.toFixed(4)}), ` +
      `calibration error ${fit.metrics.expectedCalibrationError.toFixed(4)}, ` +
      `${fit.metrics.trainingRows.toLocaleString()} training / ${fit.metrics.heldOutRows.toLocaleString()} held-out rows`,
  );
  if (took > 30) console.log(`propensity fit over its 30 s target`);
  return took;
}
