import postgres from 'postgres';

/**
 * Test support: the PostgreSQL the tests may use (`CRMKIT_TEST_DATABASE_URL`, set by `.ci/run`).
 * When it is unset the PostgreSQL variants are skipped, visibly.
 */
export const TEST_DATABASE_URL = process.env['CRMKIT_TEST_DATABASE_URL'] ?? '';

let counter = 0;

/** Creates an empty database on the test server and returns its URL. */
export async function freshDatabase(prefix: string): Promise<string> {
  if (!TEST_DATABASE_URL) throw new Error('CRMKIT_TEST_DATABASE_URL is not set');
  const name = `crmkit_${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
