// `npm run demo [-- --org <organization id>]`: fills an organization with the sample data set
// through the api's services (audit rows and events included). Without --org it signs up a new
// organization and prints its admin's login. Reads DATABASE_URL, REDIS_URL, ... like the api
// (outside production also from .env and .data/services.env); refused in production unless
// DEMO_DATA_ENABLED=true. Running it again adds nothing.
import { runDemo } from '@clockwork/server-demo';

function organizationArgument(argv: string[]): string | undefined {
  const at = argv.findIndex((a) => a === '--org' || a.startsWith('--org='));
  if (at < 0) return process.env['DEMO_ORGANIZATION_ID'] || undefined;
  const value = argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
  if (!value || !/^[0-9a-f-]{36}$/i.test(value)) throw new Error('--org takes an organization id (a UUID)');
  return value;
}

async function main(): Promise<void> {
  const run = await runDemo(organizationArgument(process.argv.slice(2)));
  const { status, created } = run.result;
  console.log(status === 'loaded' ? `Sample data loaded into organization ${run.organizationId}: ${Object.entries(created).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ')}` : `Sample data is already there in organization ${run.organizationId}; nothing added`);
  if (run.login) console.log(`Sign in at the web app with\n  email:    ${run.login.email}\n  password: ${run.login.password}`);
  else console.log(`Loaded as ${run.adminEmail}`);
}

main().then(
  () => process.exit(0),
  (e: Error & { response?: { message?: unknown } }) => {
    console.error(`npm run demo failed: ${e.response?.message ?? e.message}`);
    process.exit(1);
  },
);
