/**
 * Group commit: items that arrive while a flush is running wait for it and then go together in the next
 * one (at most `max` a flush), so concurrent callers share round trips and commits instead of queueing one
 * each. Each caller's promise settles with its own result when the flush that carried its item is done.
 * When a flush of several fails, its items are flushed one by one, so one bad item fails alone.
 */
export function groupWhileBusy<T, R>(
  flush: (items: T[]) => Promise<R[]>,
  options: { max: number },
): (item: T) => Promise<R> {
  const waiting: { item: T; resolve: (result: R) => void; reject: (err: unknown) => void }[] = [];
  let running = false;
  const one = async (item: T): Promise<R> => {
    const [result] = await flush([item]);
    return result as R;
  };
  const drain = async () => {
    running = true;
    try {
      while (waiting.length > 0) {
        const group = waiting.splice(0, options.max);
        try {
          const results = await flush(group.map((g) => g.item));
          group.forEach((g, i) => g.resolve(results[i] as R));
        } catch (err) {
          if (group.length === 1) group[0]?.reject(err);
          else for (const g of group) await one(g.item).then(g.resolve, g.reject);
        }
      }
    } finally {
      running = false;
    }
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
