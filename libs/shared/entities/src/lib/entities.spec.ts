import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_MIGRATIONS } from '../migrations';

describe('migration registry', () => {
  it('lists every migration file of the folder', () => {
    const files = readdirSync(join(__dirname, '../migrations')).filter((f) => /^\d+-.+\.ts$/.test(f));
    const names = ALL_MIGRATIONS.map((m) => m.name.replace(/\d+$/, '').toLowerCase());
    expect(files.length).toBe(ALL_MIGRATIONS.length);
    for (const file of files) {
      const stem = file.replace(/^\d+-/, '').replace(/\.ts$/, '').replace(/-/g, '');
      expect(names).toContain(stem);
    }
  });
});
