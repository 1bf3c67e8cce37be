-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "customer_status" AS ENUM ('active', 'merged');

-- CreateEnum
CREATE TYPE "identity_kind" AS ENUM ('email', 'phone', 'line', 'member', 'external');

-- CreateEnum
CREATE TYPE "sales_channel" AS ENUM ('store', 'ec');

-- CreateEnum
CREATE TYPE "consent_channel" AS ENUM ('email', 'line', 'sms', 'dm');

-- CreateEnum
CREATE TYPE "consent_status" AS ENUM ('granted', 'revoked');

-- CreateEnum
CREATE TYPE "import_kind" AS ENUM ('customers', 'products', 'orders', 'shipments', 'returns', 'events', 'consents');

-- CreateEnum
CREATE TYPE "import_status" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "workspace" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "status" "customer_status" NOT NULL DEFAULT 'active',
    "merged_into_id" INTEGER,
    "family_name" TEXT,
    "given_name" TEXT,
    "family_name_kana" TEXT,
    "given_name_kana" TEXT,
    "gender" TEXT,
    "birth_date" DATE,
    "postal_code" TEXT,
    "prefecture" TEXT,
    "city" TEXT,
    "address_line1" TEXT,
    "address_line2" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "registered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_identity" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "kind" "identity_kind" NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "merge_log" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "survivor_id" INTEGER NOT NULL,
    "merged_id" INTEGER NOT NULL,
    "reason" JSONB NOT NULL,
    "survivor_snapshot" JSONB NOT NULL,
    "merged_snapshot" JSONB NOT NULL,
    "origin" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "merge_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "series" TEXT,
    "category" TEXT,
    "price" INTEGER,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "is_trial" BOOLEAN NOT NULL DEFAULT false,
    "is_stub" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_order" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "external_id" TEXT NOT NULL,
    "channel" "sales_channel" NOT NULL,
    "store_id" TEXT,
    "ordered_at" TIMESTAMPTZ(3) NOT NULL,
    "coupon_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_line" (
    "workspace_id" INTEGER NOT NULL,
    "order_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "ordered_at" TIMESTAMPTZ(3) NOT NULL,
    "product_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,

    CONSTRAINT "order_line_pkey" PRIMARY KEY ("order_id","line_no")
);

-- CreateTable
CREATE TABLE "shipment" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "order_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "external_id" TEXT NOT NULL,
    "shipped_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "carrier" TEXT,
    "tracking_no" TEXT,

    CONSTRAINT "shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_return" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "order_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "external_id" TEXT NOT NULL,
    "returned_at" TIMESTAMPTZ(3) NOT NULL,
    "amount" INTEGER NOT NULL,
    "reason" TEXT,

    CONSTRAINT "order_return_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL DEFAULT '',
    "external_id" TEXT NOT NULL,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "channel" "consent_channel" NOT NULL,
    "status" "consent_status" NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_job" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "kind" "import_kind" NOT NULL,
    "encoding" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "file_name" TEXT NOT NULL,
    "file_size" BIGINT NOT NULL,
    "status" "import_status" NOT NULL DEFAULT 'queued',
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "rows_accepted" INTEGER NOT NULL DEFAULT 0,
    "rows_rejected" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'api',
    "upload_path" TEXT,
    "heartbeat_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_rejection" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "import_job_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "column" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,

    CONSTRAINT "import_rejection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workspace_slug_key" ON "workspace"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key"("prefix");

-- CreateIndex
CREATE INDEX "api_key_workspace_id_idx" ON "api_key"("workspace_id");

-- CreateIndex
CREATE INDEX "customer_workspace_id_status_idx" ON "customer"("workspace_id", "status");

-- CreateIndex
CREATE INDEX "customer_merged_into_id_idx" ON "customer"("merged_into_id");

-- CreateIndex
CREATE INDEX "customer_identity_customer_id_idx" ON "customer_identity"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "customer_identity_workspace_id_kind_source_value_key" ON "customer_identity"("workspace_id", "kind", "source", "value");

-- CreateIndex
CREATE INDEX "merge_log_workspace_id_survivor_id_idx" ON "merge_log"("workspace_id", "survivor_id");

-- CreateIndex
CREATE INDEX "merge_log_workspace_id_merged_id_idx" ON "merge_log"("workspace_id", "merged_id");

-- CreateIndex
CREATE UNIQUE INDEX "product_workspace_id_sku_key" ON "product"("workspace_id", "sku");

-- CreateIndex
CREATE INDEX "customer_order_workspace_id_customer_id_ordered_at_idx" ON "customer_order"("workspace_id", "customer_id", "ordered_at");

-- CreateIndex
CREATE UNIQUE INDEX "customer_order_workspace_id_source_external_id_key" ON "customer_order"("workspace_id", "source", "external_id");

-- CreateIndex
CREATE INDEX "shipment_order_id_idx" ON "shipment"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "shipment_workspace_id_source_external_id_key" ON "shipment"("workspace_id", "source", "external_id");

-- CreateIndex
CREATE INDEX "order_return_order_id_idx" ON "order_return"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "order_return_workspace_id_source_external_id_key" ON "order_return"("workspace_id", "source", "external_id");

-- CreateIndex
CREATE INDEX "event_workspace_id_customer_id_occurred_at_idx" ON "event"("workspace_id", "customer_id", "occurred_at");

-- CreateIndex
CREATE INDEX "event_workspace_id_name_occurred_at_idx" ON "event"("workspace_id", "name", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "event_workspace_id_source_external_id_key" ON "event"("workspace_id", "source", "external_id");

-- CreateIndex
CREATE INDEX "consent_workspace_id_customer_id_channel_recorded_at_idx" ON "consent"("workspace_id", "customer_id", "channel", "recorded_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "consent_workspace_id_customer_id_channel_recorded_at_status_key" ON "consent"("workspace_id", "customer_id", "channel", "recorded_at", "status");

-- CreateIndex
CREATE INDEX "import_job_workspace_id_created_at_idx" ON "import_job"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "import_rejection_import_job_id_line_no_idx" ON "import_rejection"("import_job_id", "line_no");

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer" ADD CONSTRAINT "customer_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer" ADD CONSTRAINT "customer_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_identity" ADD CONSTRAINT "customer_identity_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipment" ADD CONSTRAINT "shipment_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "customer_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_return" ADD CONSTRAINT "order_return_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "customer_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_job" ADD CONSTRAINT "import_job_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_rejection" ADD CONSTRAINT "import_rejection_import_job_id_fkey" FOREIGN KEY ("import_job_id") REFERENCES "import_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: rules Prisma's schema language cannot express.
ALTER TABLE "customer" ADD CONSTRAINT "customer_merge_consistent"
  CHECK (("status" = 'merged') = ("merged_into_id" IS NOT NULL) AND "merged_into_id" IS DISTINCT FROM "id");
ALTER TABLE "customer_identity" ADD CONSTRAINT "customer_identity_value_not_empty" CHECK ("value" <> '');
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "order_return" ADD CONSTRAINT "order_return_amount_not_negative" CHECK ("amount" >= 0);
ALTER TABLE "shipment" ADD CONSTRAINT "shipment_delivered_after_shipped"
  CHECK ("delivered_at" IS NULL OR "delivered_at" >= "shipped_at");
ALTER TABLE "import_job" ADD CONSTRAINT "import_job_counts_not_negative"
  CHECK ("rows_read" >= 0 AND "rows_accepted" >= 0 AND "rows_rejected" >= 0);
-- Analytics read active customers only; merged records stay for the merge log and redirects.
CREATE INDEX "customer_active_idx" ON "customer" ("workspace_id", "id") WHERE "status" = 'active';
