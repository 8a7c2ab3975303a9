#!/usr/bin/env node
/**
 * The bfg2-support CLI: `bfg2-support <command> [flags]` (see `bfg2-support help`). Results go to stdout,
 * errors to stderr as one line each; exit codes 0 ok, 1 failure, 2 bad usage.
 */
import { UsageError, parseFlags, type Command } from './cli/command.js';
import { customerCreateCommand } from './cli/customer-create.js';
import { EXIT_OK, reportError } from './cli/errors.js';
import { helpText } from './cli/help.js';
import { migrateCommand } from './cli/migrate.js';
import { seedCommand } from './cli/seed.js';
import { serveCommand } from './cli/serve.js';
import { statsRebuildCommand } from './cli/stats-rebuild.js';
import { tokenCreateCommand } from './cli/token-create.js';
import { userCreateCommand } from './cli/user-create.js';
import { workspaceCreateCommand } from './cli/workspace-create.js';

const COMMANDS: readonly Command[] = [
  migrateCommand,
  seedCommand,
  workspaceCreateCommand,
  userCreateCommand,
  customerCreateCommand,
  tokenCreateCommand,
  statsRebuildCommand,
  serveCommand,
];

const HELP_WORDS = new Set(['help', '--help', '-h']);

/** The command named by the first words of argv, and the arguments after them. */
function resolveCommand(argv: string[]): { command: Command; rest: string[] } {
  const [first, second] = argv;
  if (first === undefined) throw new UsageError('missing command');
  const candidates = COMMANDS.filter((c) => c.words[0] === first);
  const command = candidates.find((c) => c.words.length === 1 || c.words[1] === second);
  if (command) return { command, rest: argv.slice(command.words.length) };
  if (candidates.length > 0) {
    const expected = candidates.map((c) => `'${c.words.join(' ')}'`).join(' or ');
    throw new UsageError(
      `unknown command '${[first, second].filter(Boolean).join(' ')}'; did you mean ${expected}?`,
    );
  }
  throw new UsageError(`unknown command '${first}'`);
}

async function main(argv: string[]): Promise<number | 'running'> {
  if (argv[0] !== undefined && HELP_WORDS.has(argv[0])) {
    const topic = argv.length > 1 ? resolveCommand(argv.slice(1)).command : undefined;
    process.stdout.write(helpText(COMMANDS, topic));
    return EXIT_OK;
  }
  const { command, rest } = resolveCommand(argv);
  const flags = parseFlags(command, rest);
  if (flags.help === true) {
    process.stdout.write(helpText(COMMANDS, command));
    return EXIT_OK;
  }
  return command.run(flags);
}

/** Exits once stdout and stderr are flushed (they are asynchronous when piped on some platforms). */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(
  (result) => {
    if (result !== 'running') exitAfterFlush(result);
  },
  (err: unknown) => {
    const report = reportError(err);
    for (const line of report.lines) console.error(`bfg2-support: error: ${line}`);
    exitAfterFlush(report.exitCode);
  },
);
