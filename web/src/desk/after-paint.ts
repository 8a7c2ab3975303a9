/**
 * Once the browser has painted what was rendered while `ready`. On a cold load the desk paints its first
 * screenful first: the inbox renders 20 rows, and the rest of them, the filters' option lists, the bell's
 * count, the availability and the event stream wait for that frame — so the first rows wait for 20 rows'
 * worth of rendering, and the browser paints them before it handles any other answer.
 */
import { useEffect, useState } from 'react';

/** Longest wait for a frame: a tab in the background gets none until it is shown. */
const NO_FRAME_MS = 200;

/** False until a frame has been painted since `ready` turned true; then true for good. */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    const done = () => setPainted(true);
    // A frame's callbacks run before it is painted; a task queued from one runs after.
    let afterFrame: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      afterFrame = setTimeout(done, 0);
    });
    const fallback = setTimeout(done, NO_FRAME_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(afterFrame);
      clearTimeout(fallback);
    };
  }, [ready, painted]);
  return painted;
}
