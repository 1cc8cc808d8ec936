import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insights: the win-probability models of each organization (one row per training run; the
 * newest is the one in use). A model is trained on the organization's own closed deals only:
 * its standardised logistic-regression weights with the feature means and standard deviations,
 * the stage win rates of the fallback, and its AUC and Brier score on a held-out split.
 */
export class Insights1763703700000 implements MigrationInterface {
  name = 'Insights1763703700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deal_win_models (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        trained_at timestamptz NOT NULL DEFAULT now(),
        n_closed integer NOT NULL CHECK (n_closed >= 0),
        n_won integer NOT NULL CHECK (n_won >= 0),
        n_holdout integer NOT NULL CHECK (n_holdout >= 0),
        fallback boolean NOT NULL,
        features jsonb NOT NULL DEFAULT '[]',
        weights jsonb NOT NULL DEFAULT '[]',
        means jsonb NOT NULL DEFAULT '[]',
        stds jsonb NOT NULL DEFAULT '[]',
        stage_rates jsonb NOT NULL DEFAULT '{}',
        auc double precision,
        brier double precision,
        fallback_brier double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE INDEX deal_win_models_trained_idx ON deal_win_models (organization_id, trained_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deal_win_models`);
  }
}
