import { MigrationInterface, QueryRunner } from 'typeorm';

/** The stages of the pipeline every organization had before pipelines: key, name, probability, kind. */
const DEFAULT_STAGES = [
  ['prospecting', 'Prospecting', 0.1, 'open'],
  ['qualification', 'Qualification', 0.25, 'open'],
  ['proposal', 'Proposal', 0.5, 'open'],
  ['negotiation', 'Negotiation', 0.75, 'open'],
  ['won', 'Won', 1, 'won'],
  ['lost', 'Lost', 0, 'lost'],
] as const;

/**
 * Pipelines: several per organization, each with ordered stages (key, name, probability, kind
 * open|won|lost). Every organization gets a default pipeline "Sales" with the six stages deals
 * had (same keys, so `stage` keeps its values), every existing deal lands in it, and
 * `deals.pipeline_id` becomes NOT NULL with a foreign key from (pipeline_id, stage) to the
 * pipeline's stage keys in place of the old CHECK on stage. A deal inserted without a pipeline
 * (raw SQL) goes to the default pipeline, without a stage to its first open stage (a trigger).
 */
export class Pipelines1763703300000 implements MigrationInterface {
  name = 'Pipelines1763703300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pipelines (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX pipelines_name_idx ON pipelines (organization_id, lower(name))`);
    await q.query(`CREATE UNIQUE INDEX pipelines_one_default_idx ON pipelines (organization_id) WHERE is_default`);
    await q.query(`
      CREATE TABLE pipeline_stages (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        pipeline_id uuid NOT NULL,
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
        name text NOT NULL,
        position integer NOT NULL CHECK (position >= 0),
        probability numeric(5, 4) NOT NULL CHECK (probability BETWEEN 0 AND 1),
        kind text NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT pipeline_stages_pipeline_fk FOREIGN KEY (organization_id, pipeline_id) REFERENCES pipelines (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT pipeline_stages_key_unique UNIQUE (organization_id, pipeline_id, key),
        CONSTRAINT pipeline_stages_position_unique UNIQUE (organization_id, pipeline_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);
    // A default pipeline per existing organization, with today's stages.
    await q.query(`INSERT INTO pipelines (organization_id, id, name, is_default) SELECT id, gen_random_uuid(), 'Sales', true FROM organizations`);
    const values = DEFAULT_STAGES.map(([key, name, probability, kind], i) => `('${key}', '${name}', ${i}, ${probability}, '${kind}')`).join(', ');
    await q.query(`
      INSERT INTO pipeline_stages (organization_id, id, pipeline_id, key, name, position, probability, kind)
      SELECT p.organization_id, gen_random_uuid(), p.id, s.key, s.name, s.position, s.probability, s.kind
        FROM pipelines p CROSS JOIN (VALUES ${values}) AS s(key, name, position, probability, kind)`);
    await q.query(`ALTER TABLE deals ADD COLUMN pipeline_id uuid`);
    await q.query(`UPDATE deals d SET pipeline_id = p.id FROM pipelines p WHERE p.organization_id = d.organization_id AND p.is_default`);
    await q.query(`ALTER TABLE deals ALTER COLUMN pipeline_id SET NOT NULL, ALTER COLUMN stage DROP DEFAULT, DROP CONSTRAINT deals_stage_check`);
    await q.query(`
      ALTER TABLE deals ADD CONSTRAINT deals_pipeline_stage_fk
        FOREIGN KEY (organization_id, pipeline_id, stage) REFERENCES pipeline_stages (organization_id, pipeline_id, key)`);
    // A deal written without a pipeline (raw SQL, older tools) lands in the default pipeline's first open stage.
    await q.query(`
      CREATE FUNCTION deals_default_pipeline() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.pipeline_id IS NULL THEN
          SELECT id INTO NEW.pipeline_id FROM pipelines WHERE organization_id = NEW.organization_id AND is_default;
        END IF;
        IF NEW.stage IS NULL THEN
          SELECT key INTO NEW.stage FROM pipeline_stages
           WHERE organization_id = NEW.organization_id AND pipeline_id = NEW.pipeline_id AND kind = 'open' ORDER BY position LIMIT 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER deals_default_pipeline BEFORE INSERT ON deals FOR EACH ROW WHEN (NEW.pipeline_id IS NULL OR NEW.stage IS NULL) EXECUTE FUNCTION deals_default_pipeline()`);
    await q.query(`CREATE INDEX deals_pipeline_stage_idx ON deals (organization_id, pipeline_id, stage, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deals d USING pipelines p WHERE p.organization_id = d.organization_id AND p.id = d.pipeline_id AND NOT p.is_default`);
    await q.query(`DROP TRIGGER deals_default_pipeline ON deals`);
    await q.query(`DROP FUNCTION deals_default_pipeline()`);
    await q.query(`ALTER TABLE deals DROP CONSTRAINT deals_pipeline_stage_fk`);
    await q.query(`DROP INDEX deals_pipeline_stage_idx`);
    await q.query(`ALTER TABLE deals DROP COLUMN pipeline_id`);
    await q.query(`ALTER TABLE deals ALTER COLUMN stage SET DEFAULT 'prospecting'`);
    await q.query(`ALTER TABLE deals ADD CONSTRAINT deals_stage_check CHECK (stage IN ('prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'))`);
    await q.query(`DROP TABLE pipeline_stages`);
    await q.query(`DROP TABLE pipelines`);
  }
}
