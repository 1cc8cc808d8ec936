import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_ROLES, filesWithoutRole, roleOf } from './file-roles';

describe('server file names (<name>.<role>.ts)', () => {
  it('gives every server file a role of the list', () => {
    expect(filesWithoutRole()).toEqual([]);
  });

  it('reads the role from the name and refuses names without one or with another', () => {
    expect(roleOf('deal-matcher.service.ts')).toBe('service');
    expect(roleOf('money.util.spec.ts')).toBe('util');
    expect(roleOf('money.ts')).toBeNull();
    expect(filesWithoutRole(['libs/server/x/src/lib/money.ts', 'libs/server/x/src/lib/a.helper.ts', 'libs/server/x/src/lib/a.rules.ts', 'libs/server/x/src/index.ts', 'apps/api/src/main.ts'])).toEqual([
      'libs/server/x/src/lib/money.ts',
      'libs/server/x/src/lib/a.helper.ts',
    ]);
  });

  it('is the list docs/architecture.md gives', () => {
    const doc = readFileSync(join(__dirname, '../../docs/architecture.md'), 'utf8');
    const section = doc.slice(doc.indexOf('### File roles'), doc.indexOf('\n## ', doc.indexOf('### File roles')));
    const listed = [...section.matchAll(/`([a-z]+)`/g)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual([...FILE_ROLES].sort());
  });
});
