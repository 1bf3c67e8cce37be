import {
  CONSENTS,
  EVENTS,
  IDENTITIES,
  MEMBERSHIPS,
  METRICS,
  ORDERS,
  PREFERENCES,
  PRODUCTS,
  SCORES,
} from './segment-fixture-activity';
import {
  CUSTOMER_NAMES,
  CUSTOMERS,
  REFERENCE_TIME,
  type CustomerName,
  type Queryable,
  type SegmentFixture,
} from './segment-fixture';

async function insertId(db: Queryable, text: string, values: unknown[]): Promise<number> {
  const { rows } = await db.query(`${text} RETURNING id`, values);
  return Number(rows[0]?.id);
}

/** Inserts the fixture of segment-fixture.ts into a migrated database. */
export async function loadSegmentFixture(db: Queryable): Promise<SegmentFixture> {
  const workspaceId = await insertId(db, `INSERT INTO workspace (slug, name) VALUES ('shop', 'Shop')`, []);
  const otherWorkspaceId = await insertId(db, `INSERT INTO workspace (slug, name) VALUES ('other', 'Other')`, []);
  const workspaceOf = (name: CustomerName) => (name === 'stranger' ? otherWorkspaceId : workspaceId);

  const inserted = new Map<CustomerName, number>();
  const insertCustomer = async (name: CustomerName): Promise<number> => {
    const row = CUSTOMERS[name];
    const id = await insertId(
      db,
      `INSERT INTO customer (workspace_id, status, merged_into_id, family_name, given_name, family_name_kana, gender,
         birth_date, prefecture, city, registered_at, attributes)
       VALUES ($1, $2::customer_status, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        workspaceOf(name),
        row.merged ? 'merged' : 'active',
        row.merged ? inserted.get('hanako') : null,
        row.family,
        row.given,
        row.kana,
        row.gender,
        row.birth,
        row.prefecture,
        row.city,
        row.registered,
        JSON.stringify(row.attributes),
      ],
    );
    inserted.set(name, id);
    return id;
  };
  // In CUSTOMER_NAMES order, so ids ascend in that order.
  const ids: Record<CustomerName, number> = {
    hanako: await insertCustomer('hanako'),
    ichiro: await insertCustomer('ichiro'),
    misaki: await insertCustomer('misaki'),
    ken: await insertCustomer('ken'),
    sakura: await insertCustomer('sakura'),
    merged: await insertCustomer('merged'),
    obrien: await insertCustomer('obrien'),
    stranger: await insertCustomer('stranger'),
  };

  for (const [name, kind, source, value] of IDENTITIES) {
    await db.query(
      'INSERT INTO customer_identity (workspace_id, customer_id, kind, source, value) VALUES ($1, $2, $3, $4, $5)',
      [workspaceOf(name), ids[name], kind, source, value],
    );
  }
  for (const [name, channel, status, recordedAt] of CONSENTS) {
    await db.query(
      'INSERT INTO consent (workspace_id, customer_id, channel, status, recorded_at) VALUES ($1, $2, $3, $4, $5)',
      [workspaceOf(name), ids[name], channel, status, recordedAt],
    );
  }

  const productIds = new Map<string, number>();
  for (const workspace of [workspaceId, otherWorkspaceId]) {
    for (const [sku, series, category, tags, trial] of PRODUCTS) {
      const id = await insertId(
        db,
        'INSERT INTO product (workspace_id, sku, name, series, category, tags, is_trial) VALUES ($1, $2, $2, $3, $4, $5, $6)',
        [workspace, sku, series, category, tags, trial],
      );
      productIds.set(`${workspace}:${sku}`, id);
    }
  }
  for (const [index, [name, channel, orderedAt, lines]] of ORDERS.entries()) {
    const workspace = workspaceOf(name);
    const orderId = await insertId(
      db,
      `INSERT INTO customer_order (workspace_id, customer_id, external_id, channel, ordered_at) VALUES ($1, $2, $3, $4, $5)`,
      [workspace, ids[name], `O-${index + 1}`, channel, orderedAt],
    );
    for (const [lineIndex, [sku, quantity, unitPrice]] of lines.entries()) {
      await db.query(
        `INSERT INTO order_line (workspace_id, order_id, line_no, customer_id, ordered_at, product_id, quantity, unit_price, amount)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          workspace,
          orderId,
          lineIndex + 1,
          ids[name],
          orderedAt,
          productIds.get(`${workspace}:${sku}`),
          quantity,
          unitPrice,
          quantity * unitPrice,
        ],
      );
    }
  }
  // Orders carry their totals, as the importer keeps them.
  await db.query(
    `UPDATE customer_order o SET amount = s.amount, trial_only = s.trial_only
       FROM (SELECT l.order_id, sum(l.amount)::int AS amount, bool_and(p.is_trial) AS trial_only
               FROM order_line l JOIN product p ON p.id = l.product_id GROUP BY l.order_id) s
      WHERE o.id = s.order_id`,
  );

  for (const [name, metrics] of METRICS) {
    await db.query(
      `INSERT INTO customer_metrics (workspace_id, customer_id, reference_at, recency_days, monetary, r_score, m_score,
         rfm_rank, rf_stage, stable_segment, usual_interval_days, rank_down, last_order_at, category_segments)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        workspaceOf(name),
        ids[name],
        REFERENCE_TIME,
        metrics.recency_days,
        metrics.monetary,
        metrics.r_score,
        metrics.m_score,
        metrics.rfm_rank,
        metrics.rf_stage,
        metrics.stable_segment,
        metrics.usual_interval_days,
        metrics.rank_down,
        metrics.last_order_at,
        JSON.stringify(metrics.category_segments ?? {}),
      ],
    );
  }
  // Stored as yen per tag or series; the share is spend / revenue, so the revenue follows from both.
  const preferences = new Map<CustomerName, { revenue: number; spend: Record<string, Record<string, number>> }>();
  for (const [name, dimension, value, spend, share] of PREFERENCES) {
    const customer = preferences.get(name) ?? { revenue: Math.round(spend / share), spend: {} };
    customer.spend[dimension] = { ...customer.spend[dimension], [value]: spend };
    preferences.set(name, customer);
  }
  for (const [name, { revenue, spend }] of preferences) {
    const { rows } = await db.query(
      'UPDATE customer_metrics SET preferences = $3, revenue = $4 WHERE workspace_id = $1 AND customer_id = $2 RETURNING 1',
      [workspaceOf(name), ids[name], JSON.stringify(spend), revenue],
    );
    if (rows.length !== 1) throw new Error(`fixture: ${name} has preferences but no metrics row`);
  }
  for (const [name, model, value] of SCORES) {
    await db.query(
      `INSERT INTO customer_score (workspace_id, customer_id, model, value, model_version) VALUES ($1, $2, $3, $4, 'v1')`,
      [workspaceOf(name), ids[name], model, value],
    );
  }
  for (const [index, [name, eventName, properties, occurredAt]] of EVENTS.entries()) {
    await db.query(
      'INSERT INTO event (workspace_id, customer_id, name, properties, occurred_at, external_id) VALUES ($1, $2, $3, $4, $5, $6)',
      [workspaceOf(name), ids[name], eventName, JSON.stringify(properties), occurredAt, `E-${index + 1}`],
    );
  }

  const segmentId = await insertId(
    db,
    `INSERT INTO segment (workspace_id, name, definition) VALUES ($1, 'うるおい優良', '{}')`,
    [workspaceId],
  );
  for (const [name, exitedAt] of MEMBERSHIPS) {
    await db.query(
      'INSERT INTO segment_membership (workspace_id, segment_id, customer_id, entered_at, exited_at) VALUES ($1, $2, $3, $4, $5)',
      [workspaceOf(name), segmentId, ids[name], '2026-01-01T00:00:00+09:00', exitedAt],
    );
  }

  const byId = new Map(CUSTOMER_NAMES.map((name) => [ids[name], name]));
  return { workspaceId, otherWorkspaceId, segmentId, ids, names: (list) => list.map((id) => byId.get(id) ?? `#${id}`) };
}
