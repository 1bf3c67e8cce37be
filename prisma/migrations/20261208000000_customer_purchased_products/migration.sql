-- The distinct products each customer ever bought, for segment rules "bought / never bought
-- <products, series, category, tag>" without a time window: one short row per customer instead of
-- a scan and de-duplication of every order line (docs/adr/0003, docs/benchmarks.md: segments).
-- CreateTable
CREATE TABLE "customer_purchased_products" (
    "workspace_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "product_ids" INTEGER[],

    CONSTRAINT "customer_purchased_products_pkey" PRIMARY KEY ("workspace_id","customer_id")
);

INSERT INTO customer_purchased_products (workspace_id, customer_id, product_ids)
SELECT workspace_id, customer_id, array_agg(DISTINCT product_id ORDER BY product_id)
  FROM order_line
 GROUP BY workspace_id, customer_id;

-- Statement triggers keep it: every path that writes order lines (COPY and upserts of imports,
-- header realignment, merges, fixtures) is covered without each having to remember it, and a
-- statement's rows are handled as one set, not row by row.

-- Rows are upserted in key order, so two statements that share customers lock them in the same order.

-- New lines add their products to their customer's set; a set already holding them is not rewritten.
CREATE FUNCTION customer_purchased_products_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_purchased_products AS s (workspace_id, customer_id, product_ids)
  SELECT workspace_id, customer_id, array_agg(DISTINCT product_id ORDER BY product_id)
    FROM added_lines
   GROUP BY workspace_id, customer_id
   ORDER BY workspace_id, customer_id
  ON CONFLICT (workspace_id, customer_id) DO UPDATE
     SET product_ids = ARRAY(SELECT DISTINCT u.id FROM unnest(s.product_ids || EXCLUDED.product_ids) AS u(id) ORDER BY u.id)
   WHERE NOT s.product_ids @> EXCLUDED.product_ids;
  RETURN NULL;
END $$;

-- Lines that changed customer or product, or were deleted: their customers' sets are computed
-- again from their lines, found through their orders (order_line has no customer index; its
-- customer follows the order's, which every writer moves first).
CREATE FUNCTION customer_purchased_products_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  workspace_ids int[];
  customer_ids int[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(workspace_id), array_agg(customer_id) INTO workspace_ids, customer_ids
      FROM (SELECT DISTINCT workspace_id, customer_id FROM (
              (SELECT workspace_id, customer_id, product_id FROM removed_lines
               EXCEPT SELECT workspace_id, customer_id, product_id FROM added_lines)
              UNION ALL
              (SELECT workspace_id, customer_id, product_id FROM added_lines
               EXCEPT SELECT workspace_id, customer_id, product_id FROM removed_lines)) changed) affected;
  ELSE
    SELECT array_agg(workspace_id), array_agg(customer_id) INTO workspace_ids, customer_ids
      FROM (SELECT DISTINCT workspace_id, customer_id FROM removed_lines) affected;
  END IF;
  IF workspace_ids IS NULL THEN
    RETURN NULL;
  END IF;

  WITH fresh AS (
    SELECT a.workspace_id, a.customer_id,
           ARRAY(SELECT DISTINCT l.product_id
                   FROM customer_order o JOIN order_line l ON l.order_id = o.id
                  WHERE o.workspace_id = a.workspace_id AND o.customer_id = a.customer_id
                    AND l.customer_id = a.customer_id
                  ORDER BY l.product_id) AS product_ids
      FROM unnest(workspace_ids, customer_ids) AS a(workspace_id, customer_id)
  ), emptied AS (
    DELETE FROM customer_purchased_products s USING fresh f
     WHERE s.workspace_id = f.workspace_id AND s.customer_id = f.customer_id AND cardinality(f.product_ids) = 0
  )
  INSERT INTO customer_purchased_products AS s (workspace_id, customer_id, product_ids)
  SELECT workspace_id, customer_id, product_ids FROM fresh WHERE cardinality(product_ids) > 0
   ORDER BY workspace_id, customer_id
  ON CONFLICT (workspace_id, customer_id) DO UPDATE
     SET product_ids = EXCLUDED.product_ids
   WHERE s.product_ids IS DISTINCT FROM EXCLUDED.product_ids;
  RETURN NULL;
END $$;

CREATE FUNCTION customer_purchased_products_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE customer_purchased_products;
  RETURN NULL;
END $$;

CREATE TRIGGER order_line_purchased_products_insert AFTER INSERT ON order_line
  REFERENCING NEW TABLE AS added_lines
  FOR EACH STATEMENT EXECUTE FUNCTION customer_purchased_products_add();

CREATE TRIGGER order_line_purchased_products_update AFTER UPDATE ON order_line
  REFERENCING OLD TABLE AS removed_lines NEW TABLE AS added_lines
  FOR EACH STATEMENT EXECUTE FUNCTION customer_purchased_products_recompute();

CREATE TRIGGER order_line_purchased_products_delete AFTER DELETE ON order_line
  REFERENCING OLD TABLE AS removed_lines
  FOR EACH STATEMENT EXECUTE FUNCTION customer_purchased_products_recompute();

CREATE TRIGGER order_line_purchased_products_truncate AFTER TRUNCATE ON order_line
  FOR EACH STATEMENT EXECUTE FUNCTION customer_purchased_products_clear();
