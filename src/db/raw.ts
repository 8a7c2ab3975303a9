/** The driver-neutral low-level interface used by the migrator, pg-boss and the CLI. */
export interface RawResult<R = Record<string, unknown>> {
  rows: R[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Prepared once per connection and run from then on without planning it again: for statements with
   * parameters whose text is one of a few, run many times a second (the event log's read, the job
   * queue's fetch), where planning costs as much as running. Ignored without parameters.
   */
  prepare?: boolean;
}

export interface RawExecutor {
  /** Runs one statement with parameters, or (without parameters) a script of several statements. */
  query<R = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<RawResult<R>>;
}

export interface RawDatabase extends RawExecutor {
  /** Runs fn inside BEGIN … COMMIT on one connection; rolls back when fn throws. */
  transaction<T>(fn: (tx: RawExecutor) => Promise<T>): Promise<T>;
}
