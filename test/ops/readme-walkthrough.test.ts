/**
 * The README's "A first token, step by step", run as a reader runs it: its marked blocks pasted
 * into an interactive bash and an interactive zsh (no rc files, so no options a reader may lack),
 * against a gateway started as `npm start` starts it, on a port of its own. Each shell runs the
 * walkthrough twice against the same gateway, and every `# =>` line of the README must match what
 * the command before it printed, so the README cannot drift from the product. A step that fails
 * must show the gateway's own answer and stop the steps that depend on it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, stopProcess } from '../helpers/servers.js';
import { startGateway, tempDir, useBuild, type Started } from './operator.js';

useBuild();

const ZSH = '/usr/bin/zsh';
const SHELLS = {
  // --noediting: no readline, so bash reads the pasted lines without echoing them back.
  bash: { command: 'bash', args: ['--norc', '--noprofile', '--noediting', '-i'] },
  // -f: none of the reader's rc files, so the walkthrough must bring every option it needs (the
  // `#` comments are a syntax error in an interactive zsh by default). no_prompt_sp: no `%` mark
  // before an unterminated line, which is decoration only.
  zsh: { command: ZSH, args: ['-f', '-i', '+o', 'prompt_sp'] },
} as const;
type Shell = keyof typeof SHELLS;

/** What an interactive bash without a terminal says on its own account, not the walkthrough's. */
const SHELL_CHATTER = [/^bash: cannot set terminal process group \(\d+\): Inappropriate ioctl for device$/, /^bash: no job control in this shell$/, /^exit$/];

/** The shell code of every fenced block right after a `<!-- walkthrough` comment, in order. */
function walkthroughBlocks(readme: string): string[] {
  return [...readme.matchAll(/^<!-- walkthrough\b[^\n]*-->\n```bash\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** The README's `# => …` lines: what each printing command prints, `…` standing for anything. */
function expectations(script: string): string[] {
  return script
    .split('\n')
    .filter((line) => line.startsWith('# => '))
    .map((line) => line.slice('# => '.length));
}

function matches(expected: string, actual: string): boolean {
  const pattern = expected
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(actual);
}

function requireShell(shell: Shell): void {
  // Never skipped: CI installs Debian's zsh (.ci/run), and a missing one must fail loudly here.
  if (shell === 'zsh' && !existsSync(ZSH)) {
    throw new Error(`zsh is not installed at ${ZSH}: the README walkthrough must be proven in zsh too. Install it with \`apt-get install -y zsh\` (.ci/run does).`);
  }
}

/**
 * Pastes `script` into an interactive shell and answers everything it printed, stdout and stderr
 * interleaved as a terminal shows them (both go to one file), less the shell's own chatter.
 */
async function paste(shell: Shell, script: string, env: Record<string, string>): Promise<string[]> {
  requireShell(shell);
  const dir = await tempDir(`walkthrough-${shell}`);
  const outputFile = path.join(dir, 'output');
  const output = await open(outputFile, 'w');
  try {
    const { command, args } = SHELLS[shell];
    const child = spawn(command, args, {
      cwd: dir,
      stdio: ['pipe', output.fd, output.fd],
      env: {
        // The node that runs the tests comes first, so the walkthrough uses the Node under test.
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: dir,
        TERM: 'dumb',
        // A prompt would be mixed into the output; a null HISTFILE keeps bash from writing history.
        PS1: '',
        PS2: '',
        HISTFILE: '',
        ...env,
      },
    });
    const exited = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${shell} did not finish the walkthrough within 40 s`));
      }, 40_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    child.stdin!.end(`${script}\n`);
    await exited;
  } finally {
    await output.close();
  }
  const text = await readFile(outputFile, 'utf8');
  return text.split('\n').filter((line) => line !== '' && !SHELL_CHATTER.some((chatter) => chatter.test(line)));
}

/** Each output line against its `# =>` line, the actual line kept where it does not match. */
function compare(expected: string[], actual: string[]): string[] {
  return actual.map((line, index) => (expected[index] !== undefined && matches(expected[index]!, line) ? expected[index]! : line));
}

/** The names of the gateway's projects, as its admin sees them. */
async function projectNames(base: string, password: string): Promise<string[]> {
  const post = async (query: string, variables: Record<string, unknown>, session?: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data: Record<string, unknown> };
  };
  const login = await post('mutation($p: String!) { login(email: "admin@localhost", password: $p) { sessionToken } }', { p: password });
  const session = (login.data.login as { sessionToken: string }).sessionToken;
  const projects = await post('{ projects { nodes { name } } }', {}, session);
  return (projects.data.projects as { nodes: { name: string }[] }).nodes.map((project) => project.name);
}

describe('the README walkthrough ("A first token, step by step")', () => {
  let blocks: string[];
  let script: string;
  let gateway: Started;
  let port: string;
  let password: string;

  beforeAll(async () => {
    blocks = walkthroughBlocks(await readFile(path.join(root, 'README.md'), 'utf8'));
    script = blocks.join('\n');
    gateway = startGateway({ SCOPEGATE_DATA_DIR: await tempDir('walkthrough-data') });
    port = new URL(await gateway.base).port;
    password = /Created admin admin@localhost with password: (\S+)/.exec(gateway.output())![1]!;
  });

  afterAll(async () => {
    // SIGTERM, as an operator would: the gateway stops its PostgreSQL on the way out.
    if (gateway) await stopProcess(gateway.child, 'SIGTERM');
  });

  it('is marked in the README, takes the port from PORT, and checks what it prints', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(script).toContain('${PORT:-4000}');
    expect(script.replaceAll('${PORT:-4000}', '')).not.toMatch(/:4000\b/);
    // zsh does not split an unquoted parameter into words: headers must not rely on it.
    expect(script).not.toMatch(/\$\{\w+:\+/);
    expect(expectations(script).length).toBeGreaterThanOrEqual(8);
  });

  for (const shell of ['bash', 'zsh'] as const) {
    it(`runs in ${shell}, twice against the same gateway, printing what the README says`, { timeout: 90_000 }, async () => {
      const expected = expectations(script);
      const before = await projectNames(await gateway.base, password);
      const tokens: string[] = [];
      for (const run of [1, 2]) {
        const lines = await paste(shell, script, { PORT: port, ADMIN_PASSWORD: password });
        expect(compare(expected, lines), `${shell}, run ${run}:\n${lines.join('\n')}`).toEqual(expected);
        tokens.push(lines[expected.findIndex((line) => line.startsWith('scopegate_tok_'))]!);
      }
      // Each run made its own token and its own project, under a name of its own.
      expect(new Set(tokens).size).toBe(2);
      const made = (await projectNames(await gateway.base, password)).filter((name) => !before.includes(name));
      expect(made).toHaveLength(2);
      expect(made.every((name) => /^Greenhouse [0-9a-f]{8}$/.test(name))).toBe(true);
    });
  }

  for (const shell of ['bash', 'zsh'] as const) {
    it(`shows the gateway's own error in ${shell} when a step fails, and stops there`, { timeout: 60_000 }, async () => {
      const lines = await paste(shell, blocks[0]!, { PORT: port, ADMIN_PASSWORD: 'not the admin password' });
      // Only the refused sign-in's answer, whole: no helper's TypeError, no steps run after it.
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ errors: [{ message: 'Wrong e-mail or password.', extensions: { code: 'UNAUTHENTICATED' } }], data: null });
    });
  }
});
