import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface InboxProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the real `vr inbox serve` in its own process (TypeScript through tsx) and waits
 *  for the URL it prints. */
export function spawnInbox(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<InboxProcess> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'src/cli/main.ts'), 'inbox', 'serve', '--data', dataDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`inbox did not start:\n${text}`)), 60_000);
    const onData = (d: Buffer): void => {
      text += d.toString();
      const m = /listening at (http:\/\/\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => text });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`inbox exited (${code ?? signal}) before listening:\n${text}`));
    });
  });
}

export function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}
