import { Module } from '@nestjs/common';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { AffinityBasketRepository } from './affinity-basket.repository';
import { CustomerScoreRepository } from './customer-score.repository';
import { PatternFeatureRepository } from './pattern-feature.repository';
import { PropensityDatasetRepository } from './propensity-dataset.repository';
import { ScoreFitRepository } from './score-fit.repository';
import { ScoringSettingsService } from './scoring-settings.service';
import { ScoringController } from './scoring.controller';
import { ScoringProcessor } from './scoring.processor';
import { ScoringService } from './scoring.service';
import { DiscoverPatternsUseCase } from './use-cases/discover-patterns.use-case';
import { FitAffinityUseCase } from './use-cases/fit-affinity.use-case';
import { FitPropensityUseCase } from './use-cases/fit-propensity.use-case';
import { FitRepeatPurchaseUseCase } from './use-cases/fit-repeat-purchase.use-case';
import { FitScoreModelUseCase } from './use-cases/fit-score-model.use-case';

@Module({
  imports: [WorkspaceModule],
  controllers: [ScoringController],
  providers: [
    AffinityBasketRepository,
    CustomerScoreRepository,
    PatternFeatureRepository,
    PropensityDatasetRepository,
    ScoreFitRepository,
    ScoringSettingsService,
    ScoringService,
    ScoringProcessor,
    DiscoverPatternsUseCase,
    FitAffinityUseCase,
    FitPropensityUseCase,
    FitRepeatPurchaseUseCase,
    FitScoreModelUseCase,
  ],
  exports: [FitScoreModelUseCase, ScoringService, ScoringProcessor],
})
export class ScoringModule {}
