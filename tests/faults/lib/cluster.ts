import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A private PostgreSQL cluster for one fault test: initdb'd into a temporary folder and started with pg_ctl of the
 * installed server on a free loopback port, so a test may restart or kill it without touching the machine's own
 * cluster on 5432 (other people and CI use that one). initdb refuses to run as root, so as root the cluster runs as
 * the `postgres` user. Everything stays on 127.0.0.1.
 */
export type Cluster = {
  port: number;
  url: (db?: string) => string;
  /** pg_ctl restart: `fast` ends sessions cleanly (57P01), `immediate` drops them like a crash (recovery on start). */
  restart: (mode: 'fast' | 'immediate') => Promise<void>;
  stop: () => void;
  start: () => void;
  createDb: (name: string) => void;
  /** Stops the cluster and removes its folder. */
  destroy: () => void;
  bin: (tool: string) => string;
};

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) throw new Error('PostgreSQL server binaries are not installed (/usr/lib/postgresql); apt-get install postgresql');
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no pg_ctl under /usr/lib/postgresql/*/bin');
  return path.join(root, versions[0], 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server tool, as the postgres user when we are root (initdb and the postmaster refuse root). */
function runAsOwner(file: string, args: string[]) {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * The same, without blocking: the load's users live in this process, and a synchronous pg_ctl would freeze their
 * clocks and sockets for the length of the restart, so the test would time its own pause as the app's outage.
 */
function runAsOwnerAsync(file: string, args: string[]): Promise<string> {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) =>
    execFile(cmd, argv, { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${file} ${args.join(' ')} failed: ${stderr || stdout || error.message}`)) : resolve(stdout),
    ),
  );
}

export async function startCluster(): Promise<Cluster> {
  const binDir = postgresBinDir();
  const bin = (tool: string) => path.join(binDir, tool);
  const root = mkdtempSync(path.join(tmpdir(), 'crm-fault-pg-'));
  // The postgres user must own its data folder and write its socket and log here.
  chmodSync(root, 0o777);
  if (isRoot()) execFileSync('chown', ['postgres', root]);
  const dataDir = path.join(root, 'data');
  const port = await freePort();
  runAsOwner(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const logFile = path.join(root, 'server.log');
  // Loopback only, a socket in our own folder, no fsync (the machine does not crash in a test; Postgres crash
  // recovery after `immediate` still runs from its WAL).
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off -c max_connections=200`;
  const start = () => {
    runAsOwner(bin('pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']);
  };
  const stop = () => {
    spawnSync(
      isRoot() ? 'runuser' : bin('pg_ctl'),
      isRoot() ? ['-u', 'postgres', '--', bin('pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop'] : ['-D', dataDir, '-m', 'immediate', '-w', 'stop'],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
  };
  start();
  const url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    bin,
    start,
    stop,
    restart: async (mode) => {
      await runAsOwnerAsync(bin('pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-m', mode, '-w', '-t', '60', 'restart']);
    },
    createDb: (name) => {
      execFileSync(bin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
    },
    destroy: () => {
      stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
