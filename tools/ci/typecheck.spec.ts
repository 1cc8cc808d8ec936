import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import * as ts from 'typescript';

const ROOT = join(__dirname, '../..');
const { PROGRAMS } = require('./typecheck.js') as { PROGRAMS: string[] };

/** A tsconfig's files and the options that decide what tsc reports (not where it would write). */
function parsed(config: string): { files: Set<string>; options: string } {
  const file = join(ROOT, config);
  const result = ts.getParsedCommandLineOfConfigFile(file, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  if (!result) throw new Error(`cannot read ${config}`);
  const options = { ...result.options };
  for (const where of ['outDir', 'noEmit', 'configFilePath'] as const) delete options[where];
  if (options.types) options.types = [...options.types].sort();
  return { files: new Set(result.fileNames), options: JSON.stringify(options, Object.keys(options).sort()) };
}

/** Every project's `typecheck` target: the tsconfig files its tsc commands check. */
function projectConfigs(): string[] {
  const projects = execFileSync('git', ['ls-files', '--', '*project.json'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  return projects.flatMap((project) => {
    const target = JSON.parse(readFileSync(join(ROOT, project), 'utf8')).targets?.typecheck;
    if (!target) return [];
    const commands: string[] = target.options.commands ?? [target.options.command];
    return commands.map((command) => {
      const match = /tsc -p (\S+)/.exec(command);
      if (!match) throw new Error(`${project}: typecheck runs no \`tsc -p\`: ${command}`);
      return match[1];
    });
  });
}

describe('npm run typecheck (tools/ci/typecheck.js)', () => {
  it("checks every file of every project's typecheck target, with that project's compiler options", () => {
    const programs = PROGRAMS.map(parsed);
    const configs = projectConfigs();
    expect(configs.length).toBeGreaterThan(40);
    const uncovered: string[] = [];
    for (const config of configs) {
      const { files, options } = parsed(config);
      const candidates = programs.filter((p) => p.options === options);
      for (const file of files) if (!candidates.some((p) => p.files.has(file))) uncovered.push(`${config}: ${file.replace(`${ROOT}/`, '')}`);
    }
    expect(uncovered).toEqual([]);
  });
});
