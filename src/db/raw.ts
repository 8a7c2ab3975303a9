/** The driver-neutral low-level interface used by the migrator, pg-boss and the CLI. */
export interface RawResult<R = Record<string, unknown>> {
  rows: R[];
  rowCount: number;
}

export interface RawExecutor {
  /** Runs one statement with parameters, or (without parameters) a script of several statements. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<RawResult<R>>;
}

export interface RawDatabase extends RawExecutor {
  /** Runs fn inside BEGIN … COMMIT on one connection; rolls back when fn throws. */
  transaction<T>(fn: (tx: RawExecutor) => Promise<T>): Promise<T>;
}
