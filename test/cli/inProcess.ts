import { main } from '../../src/cli/main';

export interface InProcessRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `vr …` in this process (no build needed), capturing what it writes and its exit code. */
export async function vrInProcess(...args: string[]): Promise<InProcessRun> {
  let out = '';
  let err = '';
  const so = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const se = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    const code = await main(['node', 'vr', ...args]);
    return { code, out, err };
  } finally {
    so.mockRestore();
    se.mockRestore();
    process.exitCode = undefined;
  }
}
