import { runCli } from '../../sims/cli.js';

/** Runs `npm run sim -- <args>` in this process, capturing what it writes and its exit code. */
export async function sim(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, tty: false });
  return { code, out, err };
}
