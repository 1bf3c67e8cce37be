import { MESSAGE_CHANNELS } from '@kizuna/channels';
import { STABLE_SEGMENTS } from '@kizuna/segments';

/**
 * The features of response propensity, in column order. Per send (training) they are taken as of
 * the send: tenure, the customer's earlier sends and answers per channel, days since the previous
 * message. RFM scores, the top series share and the stable segment are the last analytics
 * refresh's (stable segments change slowly by design; RFM of old sends looks slightly ahead, the
 * price of not recomputing RFM per send: docs/adr/0012-scoring-jobs.md).
 */
export const PROPENSITY_FEATURES: readonly string[] = [
  'r_score',
  'f_score',
  'm_score',
  'log_tenure_days',
  ...MESSAGE_CHANNELS.flatMap((channel) => [`log_past_sends_${channel}`, `past_answer_rate_${channel}`]),
  'log_days_since_message',
  'top_series_share',
  ...STABLE_SEGMENTS.map((segment) => `stable_segment_${segment}`),
];

/** Where the history columns come from and the moment the features describe. */
interface FeatureSources {
  /** SQL of the moment (a send's time, or the scoring time). */
  at: string;
  /** SQL of the customer's earlier sends / answers on a channel, and of the previous send time. */
  sends: (channel: string) => string;
  answers: (channel: string) => string;
  previousSendAt: string;
}

const days = (interval: string) => `(date_part('epoch', ${interval}) / 86400.0)`;

/** The SELECT list of PROPENSITY_FEATURES (every value float8, never null), reading `c`, `cm`. */
function featureColumns(s: FeatureSources): string {
  const tenureStart = 'COALESCE(c.registered_at, cm.first_order_at, c.created_at)';
  const columns = [
    'COALESCE(cm.r_score, 0)::float8',
    'COALESCE(cm.f_score, 0)::float8',
    'COALESCE(cm.m_score, 0)::float8',
    `ln(1 + greatest(0, ${days(`${s.at} - ${tenureStart}`)}))`,
    ...MESSAGE_CHANNELS.flatMap((channel) => [
      `ln(1 + ${s.sends(channel)})`,
      `COALESCE(${s.answers(channel)}::float8 / NULLIF(${s.sends(channel)}, 0), 0)`,
    ]),
    // No earlier message: as if the last was a year ago (the feature is capped there anyway).
    `ln(1 + least(365, COALESCE(${days(`${s.at} - ${s.previousSendAt}`)}, 365)))`,
    `least(1, COALESCE((SELECT max(v.value::float8) FROM jsonb_each_text(cm.preferences -> 'series') v) / NULLIF(cm.revenue::float8, 0), 0))`,
    ...STABLE_SEGMENTS.map((segment) => `(cm.stable_segment IS NOT DISTINCT FROM '${segment}')::int::float8`),
  ];
  return columns.map((column, index) => `${column} AS ${PROPENSITY_FEATURES[index]!}`).join(',\n       ');
}

/**
 * Sends that reached the provider ($1 workspace) and the first answer to each ($2: answer kinds).
 * Suppressed, failed and bounced messages were never seen, so they teach nothing about response.
 */
const SENDS_AND_ANSWERS = `
  sends AS (
    SELECT m.id, m.customer_id, m.channel, COALESCE(m.sent_at, m.created_at) AS at
      FROM message m
     WHERE m.workspace_id = $1 AND m.status IN ('sent', 'delivered') AND COALESCE(m.sent_at, m.created_at) < $3
  ),
  answers AS (
    SELECT r.message_id, min(r.at) AS at
      FROM response r
     WHERE r.workspace_id = $1 AND r.kind = ANY($2::text[]) AND r.message_id IS NOT NULL AND r.at < $3
     GROUP BY r.message_id
  )`;

/**
 * One row per send on channel $4 between $3 - ($5 + $6) days and $3 - $5 days ($3: the fit time,
 * $5: label window, $6: lookback), so every label window has closed: customer id, answered (0/1),
 * then PROPENSITY_FEATURES. A customer's timeline interleaves sends and answers, so "earlier
 * answers" are those that had arrived when the send went out (a window frame ending one row before).
 */
export const PROPENSITY_TRAINING_SQL = `
  WITH ${SENDS_AND_ANSWERS},
  timeline AS (
    SELECT s.customer_id, s.at, 1 AS is_send, s.channel, s.id AS message_id, a.at AS answered_at
      FROM sends s LEFT JOIN answers a ON a.message_id = s.id
    UNION ALL
    SELECT s.customer_id, a.at, 0, s.channel, NULL, NULL
      FROM sends s JOIN answers a ON a.message_id = s.id
  ),
  history AS (
    SELECT t.*,
           ${MESSAGE_CHANNELS.map(
             (ch) =>
               `count(*) FILTER (WHERE t.is_send = 1 AND t.channel = '${ch}') OVER w AS sends_${ch},
           count(*) FILTER (WHERE t.is_send = 0 AND t.channel = '${ch}') OVER w AS answers_${ch}`,
           ).join(',\n           ')},
           max(t.at) FILTER (WHERE t.is_send = 1) OVER w AS previous_send_at
      FROM timeline t
    WINDOW w AS (PARTITION BY t.customer_id ORDER BY t.at, t.is_send, t.message_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  )
  SELECT h.customer_id,
         (h.answered_at IS NOT NULL AND h.answered_at < h.at + make_interval(days => $5))::int AS answered,
         ${featureColumns({
           at: 'h.at',
           sends: (ch) => `h.sends_${ch}`,
           answers: (ch) => `h.answers_${ch}`,
           previousSendAt: 'h.previous_send_at',
         })}
    FROM history h
    JOIN customer c ON c.id = h.customer_id AND c.workspace_id = $1
    LEFT JOIN customer_metrics cm ON cm.workspace_id = $1 AND cm.customer_id = h.customer_id
   WHERE h.is_send = 1 AND h.channel = $4
     AND h.at >= $3 - make_interval(days => $5 + $6) AND h.at < $3 - make_interval(days => $5)
   ORDER BY h.message_id`;

/** One row per active customer of workspace $1, features as of $3: customer id, PROPENSITY_FEATURES. */
export const PROPENSITY_SCORING_SQL = `
  WITH ${SENDS_AND_ANSWERS},
  per_customer AS (
    SELECT s.customer_id,
           ${MESSAGE_CHANNELS.map(
             (ch) =>
               `count(*) FILTER (WHERE s.channel = '${ch}') AS sends_${ch},
           count(a.at) FILTER (WHERE s.channel = '${ch}') AS answers_${ch}`,
           ).join(',\n           ')},
           max(s.at) AS last_send_at
      FROM sends s LEFT JOIN answers a ON a.message_id = s.id
     GROUP BY s.customer_id
  )
  SELECT c.id,
         ${featureColumns({
           at: '$3::timestamptz',
           sends: (ch) => `COALESCE(pc.sends_${ch}, 0)`,
           answers: (ch) => `COALESCE(pc.answers_${ch}, 0)`,
           previousSendAt: 'pc.last_send_at',
         })}
    FROM customer c
    LEFT JOIN customer_metrics cm ON cm.workspace_id = $1 AND cm.customer_id = c.id
    LEFT JOIN per_customer pc ON pc.customer_id = c.id
   WHERE c.workspace_id = $1 AND c.status = 'active'
   ORDER BY c.id`;
