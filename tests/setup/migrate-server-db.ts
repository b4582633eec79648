import { openDb } from '@crm/db';

/**
 * With TEST_DATABASE_URL every test file opens the same server database: migrate it once, before any
 * file starts, so files never race to create tables. On PGlite each file migrates its own in-memory database.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const handle = await openDb({ url });
  await handle.close();
}
