-- Journeys: drafts, immutable versions, triggers, durable enrolments, their transitions, the message outbox.
-- CreateTable
CREATE TABLE "journey" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "draft" JSONB NOT NULL,
    "draft_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "current_version_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(3),

    CONSTRAINT "journey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journey_version" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "journey_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "graph" JSONB NOT NULL,
    "change_summary" JSONB NOT NULL DEFAULT '[]',
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "journey_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journey_trigger" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "journey_id" INTEGER NOT NULL,
    "version_id" INTEGER NOT NULL,
    "node_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "segment_id" INTEGER,
    "event_name" TEXT,
    "cursor" BIGINT NOT NULL DEFAULT 0,
    "next_run_at" TIMESTAMPTZ(3),
    "scanned_until" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "journey_trigger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollment" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "journey_id" INTEGER NOT NULL,
    "version_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "trigger_key" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "node_id" TEXT NOT NULL,
    "arrived_at" TIMESTAMPTZ(3) NOT NULL,
    "wake_at" TIMESTAMPTZ(3),
    "waiting_event" TEXT,
    "resumed_by_event_id" BIGINT,
    "resumed_at" TIMESTAMPTZ(3),
    "converted_goal" TEXT,
    "converted_at" TIMESTAMPTZ(3),
    "holdout_group" TEXT,
    "context" JSONB NOT NULL DEFAULT '{}',
    "lease_token" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "entered_at" TIMESTAMPTZ(3) NOT NULL,
    "exited_at" TIMESTAMPTZ(3),
    "exit_reason" TEXT,

    CONSTRAINT "enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollment_step" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "enrollment_id" BIGINT NOT NULL,
    "version_id" INTEGER NOT NULL,
    "from_node" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "to_node" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "processed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "enrollment_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "enrollment_id" BIGINT,
    "journey_id" INTEGER,
    "version_id" INTEGER,
    "node_id" TEXT,
    "channel" TEXT NOT NULL,
    "template_id" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "suppression_reason" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "provider_message_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_rate_window" (
    "workspace_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "channel_rate_window_pkey" PRIMARY KEY ("workspace_id","channel","window_start")
);

-- CreateIndex
CREATE UNIQUE INDEX "journey_workspace_id_name_key" ON "journey"("workspace_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "journey_version_journey_id_version_key" ON "journey_version"("journey_id", "version");

-- CreateIndex
CREATE INDEX "journey_trigger_workspace_id_kind_active_idx" ON "journey_trigger"("workspace_id", "kind", "active");

-- CreateIndex
CREATE UNIQUE INDEX "journey_trigger_version_id_node_id_key" ON "journey_trigger"("version_id", "node_id");

-- CreateIndex
CREATE INDEX "enrollment_workspace_id_customer_id_idx" ON "enrollment"("workspace_id", "customer_id");

-- CreateIndex
CREATE INDEX "enrollment_journey_id_state_idx" ON "enrollment"("journey_id", "state");

-- CreateIndex
CREATE UNIQUE INDEX "enrollment_journey_id_customer_id_trigger_key_key" ON "enrollment"("journey_id", "customer_id", "trigger_key");

-- CreateIndex
CREATE INDEX "enrollment_step_enrollment_id_id_idx" ON "enrollment_step"("enrollment_id", "id");

-- CreateIndex
CREATE INDEX "enrollment_step_version_id_from_node_idx" ON "enrollment_step"("version_id", "from_node");

-- CreateIndex
CREATE INDEX "message_workspace_id_customer_id_created_at_idx" ON "message"("workspace_id", "customer_id", "created_at");

-- CreateIndex
CREATE INDEX "message_enrollment_id_idx" ON "message"("enrollment_id");

-- CreateIndex
CREATE UNIQUE INDEX "message_workspace_id_idempotency_key_key" ON "message"("workspace_id", "idempotency_key");

-- Hand-written: the ticker's claim reads due active enrolments in order from this index alone. A
-- claimed enrolment is due again only when its lease runs out (GREATEST ignores a NULL lease), so
-- enrolments in flight are not in the range a claim scans.
CREATE INDEX "enrollment_due_idx" ON "enrollment" ((GREATEST("wake_at", "lease_until"))) WHERE "state" = 'active';
-- Hand-written: one running enrolment per customer and journey, whatever the re-entry rule.
CREATE UNIQUE INDEX "enrollment_one_active_key" ON "enrollment" ("journey_id", "customer_id") WHERE "state" = 'active';
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_state" CHECK ("state" IN ('active', 'completed', 'converted', 'goal-missed', 'exited'));
-- Hand-written: dispatchers read queued messages in due order.
CREATE INDEX "message_queued_idx" ON "message" ("next_attempt_at") WHERE "status" = 'queued';
ALTER TABLE "message" ADD CONSTRAINT "message_status" CHECK ("status" IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'bounced', 'suppressed'));
ALTER TABLE "journey" ADD CONSTRAINT "journey_status" CHECK ("status" IN ('draft', 'active', 'paused', 'archived'));
