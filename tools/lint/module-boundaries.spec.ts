import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';

const ROOT = join(__dirname, '../..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/**
 * Lints a snippet with the workspace's real ESLint config, as if it were a file at `path`
 * (the eslint CLI in a child process: the flat config is an ES module Jest cannot import).
 */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const eslint = join(ROOT, 'node_modules/eslint/bin/eslint.js');
  const run = spawnSync(process.execPath, [eslint, '--stdin', '--stdin-filename', path, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries (eslint @nx/enforce-module-boundaries)', () => {
  beforeAll(async () => {
    process.env.NX_DAEMON = 'false';
    await createProjectGraphAsync({ exitOnError: false });
  }, 120_000);

  it('refuses server code in the web app', async () => {
    const errors = await boundaryErrors('apps/web/src/bad-import.ts', `import { Env } from '@clockwork/server-core';\nexport const x = Env;\n`);
    expect(errors.join('\n')).toMatch(/scope:web.*can only depend on libs tagged with "scope:web", "scope:shared"/);
  });

  it('refuses node-only shared libs (entities) in the web app', async () => {
    const errors = await boundaryErrors('apps/web/src/bad-import.ts', `import { Account } from '@clockwork/shared-entities';\nexport const x = Account;\n`);
    expect(errors.join('\n')).toMatch(/platform:browser/);
  });

  it('refuses a shared lib reaching into server code', async () => {
    const errors = await boundaryErrors('libs/shared/entities/src/lib/bad-import.ts', `import { Env } from '@clockwork/server-core';\nexport const x = Env;\n`);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('allows the web app to use the generated API client', async () => {
    const errors = await boundaryErrors('apps/web/src/good-import.ts', `import { healthCheck } from '@clockwork/api-client';\nexport const x = healthCheck;\n`);
    expect(errors).toEqual([]);
  });

  it('allows the api to use server and shared libs', async () => {
    const errors = await boundaryErrors(
      'apps/api/src/good-import.ts',
      `import { Env } from '@clockwork/server-core';\nimport { QUEUES } from '@clockwork/shared-jobs';\nexport const x = [Env, QUEUES];\n`,
    );
    expect(errors).toEqual([]);
  });
});
