-- Channels and responses: provider settings (encrypted), templates, rendered messages, responses, DM batches, LINE link nonces.
-- AlterTable
ALTER TABLE "message" ADD COLUMN     "coupon_code" TEXT,
ADD COLUMN     "dm_batch_id" INTEGER,
ADD COLUMN     "recipient" TEXT,
ADD COLUMN     "rendered" JSONB;

-- CreateTable
CREATE TABLE "channel_settings" (
    "workspace_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "public" JSONB NOT NULL DEFAULT '{}',
    "secret" BYTEA NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_settings_pkey" PRIMARY KEY ("workspace_id","channel")
);

-- CreateTable
CREATE TABLE "message_template" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "message_id" BIGINT,
    "enrollment_id" BIGINT,
    "journey_id" INTEGER,
    "version_id" INTEGER,
    "node_id" TEXT,
    "channel" TEXT,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "dedupe_key" TEXT NOT NULL,

    CONSTRAINT "response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dm_batch" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "journey_id" INTEGER,
    "node_id" TEXT,
    "send_date" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "item_count" INTEGER NOT NULL DEFAULT 0,
    "checksum" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "exported_at" TIMESTAMPTZ(3),

    CONSTRAINT "dm_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "line_link_nonce" (
    "nonce" TEXT NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "line_link_nonce_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE UNIQUE INDEX "message_template_workspace_id_channel_key_key" ON "message_template"("workspace_id", "channel", "key");

-- CreateIndex
CREATE INDEX "response_workspace_id_message_id_idx" ON "response"("workspace_id", "message_id");

-- CreateIndex
CREATE INDEX "response_journey_id_node_id_kind_idx" ON "response"("journey_id", "node_id", "kind");

-- CreateIndex
CREATE INDEX "response_workspace_id_customer_id_at_idx" ON "response"("workspace_id", "customer_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "response_workspace_id_dedupe_key_key" ON "response"("workspace_id", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "dm_batch_workspace_id_journey_id_node_id_send_date_key" ON "dm_batch"("workspace_id", "journey_id", "node_id", "send_date");

-- Hand-written: response kinds and DM batch states are closed lists.
ALTER TABLE "response" ADD CONSTRAINT "response_kind" CHECK ("kind" IN ('delivered', 'opened', 'clicked', 'replied', 'postback', 'unsubscribed', 'bounced', 'failed', 'converted'));
ALTER TABLE "dm_batch" ADD CONSTRAINT "dm_batch_status" CHECK ("status" IN ('open', 'exported'));
-- Hand-written: dispatchers find messages being sent whose sender died (their lease is next_attempt_at).
CREATE INDEX "message_sending_idx" ON "message" ("next_attempt_at") WHERE "status" = 'sending';
-- Hand-written: provider delivery reports find their message by the provider's id.
CREATE INDEX "message_provider_id_idx" ON "message" ("workspace_id", "provider_message_id") WHERE "provider_message_id" IS NOT NULL;
-- Hand-written: a DM batch's pieces, and the message a redeemed coupon code names.
CREATE INDEX "message_dm_batch_idx" ON "message" ("dm_batch_id") WHERE "dm_batch_id" IS NOT NULL;
CREATE INDEX "message_coupon_idx" ON "message" ("workspace_id", "coupon_code") WHERE "coupon_code" IS NOT NULL;
CREATE INDEX "customer_order_coupon_idx" ON "customer_order" ("workspace_id", upper("coupon_code")) WHERE "coupon_code" IS NOT NULL;
