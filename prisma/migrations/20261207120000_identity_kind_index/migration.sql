-- Segment rules "has a LINE id / an email" over a whole workspace read the customer ids of one
-- identity kind from this index alone (docs/benchmarks.md, segments).
-- CreateIndex
CREATE INDEX "customer_identity_workspace_id_kind_customer_id_idx" ON "customer_identity"("workspace_id", "kind", "customer_id");
