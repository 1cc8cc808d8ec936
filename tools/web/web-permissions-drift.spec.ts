import { readFileSync } from 'node:fs';
import { PERMISSIONS_DOC, readRoleMatrix, renderWebPermissions, WEB_PERMISSIONS } from './generate-web-permissions';

describe("web app's permissions (apps/web/src/auth/permissions.generated.ts)", () => {
  const doc = readFileSync(PERMISSIONS_DOC, 'utf8');

  it('are what docs/permissions.md says: the committed file is current (run `npm run permissions:web`)', () => {
    expect(readFileSync(WEB_PERMISSIONS, 'utf8')).toEqual(renderWebPermissions(doc));
  });

  it('follow a change of the doc: a role taken off a route leaves the section it decides', () => {
    const changed = doc.replace('| `GET /api/v1/deals` | ✗ | ✓ | ✓ | ✓ |', '| `GET /api/v1/deals` | ✗ | ✓ | ✓ | ✗ |');
    expect(changed).not.toEqual(doc);
    expect(renderWebPermissions(changed)).toContain("  deals: ['admin', 'manager'], // GET /api/v1/deals");
  });

  it('tell own-records-only roles apart: sales and support read their own time, not everyone\'s', () => {
    const rule = readRoleMatrix(doc).get('GET /api/v1/time-entries');
    expect(rule).toEqual({ any: ['admin', 'manager', 'sales', 'support'], full: ['admin', 'manager'] });
  });

  it('refuse a route the doc does not list', () => {
    expect(() => renderWebPermissions(doc.replace(/^\| `GET \/api\/v1\/rates` .*$/m, ''))).toThrow('docs/permissions.md has no row for GET /api/v1/rates');
  });
});
