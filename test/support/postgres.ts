import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real, throwaway PostgreSQL 15 for tests: initdb into a temp dir, pg_ctl start on a free
 * loopback port, stop and delete afterwards. PostgreSQL refuses to run as root, so as root
 * the server runs as the `postgres` OS user (runuser) in a directory that user owns.
 */
export const PG_BIN = process.env.PG_BIN ?? findPgBin();

/** PostgreSQL 15 where the brief says; else the newest /usr/lib/postgresql/N/bin (Debian). */
function findPgBin(): string {
  const preferred = '/usr/lib/postgresql/15/bin';
  if (fs.existsSync(path.join(preferred, 'initdb'))) return preferred;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length ? path.join(root, versions[0], 'bin') : preferred;
}

export interface TestPostgres {
  url: string;
  port: number;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): string;
  stop(): void;
}

export function postgresAvailable(): boolean {
  return fs.existsSync(path.join(PG_BIN, 'initdb')) && fs.existsSync(path.join(PG_BIN, 'pg_ctl'));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `fsync` on for benchmarks that measure durable commits; tests keep it off for speed. */
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<TestPostgres> {
  if (!postgresAvailable()) {
    throw new Error(
      `PostgreSQL not found in ${PG_BIN} (initdb, pg_ctl). Install it (apt-get install postgresql-15) ` +
        'or set PG_BIN to its bin directory; the storage tests need a real PostgreSQL.',
    );
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-pg-'));
  const dataDir = path.join(dir, 'data');
  const run = (bin: string, args: string[]): string => {
    const file = path.join(PG_BIN, bin);
    const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  };
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dir, uid, gid);
  }
  const port = await freePort();
  try {
    run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C']);
    run('pg_ctl', [
      'start', '-D', dataDir, '-w', '-t', '60', '-l', path.join(dir, 'server.log'),
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${options.fsync ? 'on' : 'off'} -c max_connections=200`,
    ]);
  } catch (error) {
    const log = fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8') : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start PostgreSQL: ${(error as Error).message}\n${log}`);
  }
  const base = `postgres://postgres@127.0.0.1:${port}`;
  return {
    url: `${base}/postgres`,
    port,
    createDatabase(name: string): string {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `${base}/${name}`;
    },
    stop(): void {
      try {
        run('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
