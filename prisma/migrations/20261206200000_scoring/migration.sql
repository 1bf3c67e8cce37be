-- CreateTable
CREATE TABLE "score_model_fit" (
    "id" SERIAL NOT NULL,
    "workspace_id" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "fitted_at" TIMESTAMPTZ(3) NOT NULL,
    "parameters" JSONB NOT NULL,
    "metrics" JSONB NOT NULL,
    "rows" INTEGER NOT NULL,
    "scored" INTEGER NOT NULL,
    "took_ms" INTEGER NOT NULL,

    CONSTRAINT "score_model_fit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "score_model_fit_workspace_id_fitted_at_idx" ON "score_model_fit"("workspace_id", "fitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "score_model_fit_workspace_id_model_version_key" ON "score_model_fit"("workspace_id", "model", "version");
