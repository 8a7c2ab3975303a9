/** What every CLI command provides, and the argument helpers they share. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type FlagOptions = NonNullable<ParseArgsConfig['options']>;
export type FlagValues = Record<string, string | boolean | undefined>;

export interface Command {
  /** The words that select the command, e.g. ['user', 'create']. */
  words: readonly string[];
  /** The synopsis after the program name, e.g. 'user create --workspace S …'. */
  usage: string;
  summary: string;
  options: FlagOptions;
  /** Resolves to the exit code, or to 'running' when the process keeps serving. */
  run(flags: FlagValues): Promise<number | 'running'>;
}

/** Bad usage: exit code 2, with the command's synopsis when known. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

/** Parses a command's flags strictly: unknown flags, missing values and stray words are usage errors. */
export function parseFlags(command: Command, args: string[]): FlagValues {
  try {
    const { values } = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (err) {
    // Node's messages are long and end with advice about '--'; the first sentence is the point.
    const first = ((err as Error).message.split(/\.\s/)[0] ?? '').replace(/\.$/, '');
    throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1), command);
  }
}

/** A flag the command cannot do without. */
export function requireFlag(flags: FlagValues, name: string, command: Command): string {
  const value = flags[name];
  if (typeof value !== 'string') throw new UsageError(`missing --${name}`, command);
  return value;
}

/** An optional string flag. */
export function optionalFlag(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}
