import type { Command } from './command.js';

/** The overview printed by `help`, or one command's synopsis. */
export function helpText(commands: readonly Command[], only?: Command): string {
  if (only) return `usage: bfg2-support ${only.usage}\n\n${only.summary}\n`;
  return [
    'usage: bfg2-support <command> [flags]',
    '',
    'commands:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '  help [<command>]',
    "      this text, or one command's flags",
    '',
    'The database comes from the environment: DATA_DIR (embedded, default ./data) or DATABASE_URL.',
    'Exit codes: 0 ok, 1 failure, 2 bad usage.',
    '',
  ].join('\n');
}
