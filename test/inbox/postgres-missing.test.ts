/** Without PostgreSQL the storage tests fail loudly with what to install, never silently pass. */
test('startPostgres names what is missing and how to fix it', async () => {
  process.env.PG_BIN = '/nonexistent/postgresql/bin';
  try {
    let start: typeof import('../support/postgres').startPostgres | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      start = (require('../support/postgres') as typeof import('../support/postgres')).startPostgres;
    });
    await expect(start!()).rejects.toThrow(/PostgreSQL not found in \/nonexistent\/postgresql\/bin.*apt-get install/s);
  } finally {
    delete process.env.PG_BIN;
  }
});
