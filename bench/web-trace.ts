/**
 * Reading a Chromium performance trace of one cold page load (bench/web.ts): how long the renderer's main
 * thread was busy before the first inbox row (wall and thread CPU time, so a loaded machine shows in the
 * gap between them, not in the CPU figure), how much of it was style and layout and how many layouts were
 * forced by script, and — with the V8 sampling profiler category on — the functions with the most self time.
 */

/** The categories the figures below need; `profile` adds the V8 sampler (heavier, for --trace). */
export function traceCategories(profile: boolean): string[] {
  const base = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'];
  return profile ? [...base, 'disabled-by-default-v8.cpu_profiler'] : base;
}

/** The label the page writes with console.timeStamp when the first row is in the DOM. */
export const FIRST_ROW_MARK = 'bench:first-row';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: Record<string, unknown>;
}

export interface MainThreadFigures {
  /** Wall ms of the main thread's top-level tasks before the first row. */
  busyMs: number;
  /** Thread CPU ms of the same tasks (what a loaded machine does not inflate). */
  cpuMs: number;
  /** Wall ms from the first task of the page to the first row. */
  spanMs: number;
  scriptMs: number;
  compileMs: number;
  styleLayoutMs: number;
  /** Style recalculations and layouts run synchronously inside script (forced reflows). */
  forcedLayouts: number;
  /** Self time per function (ms), when the trace holds the V8 sampler's data. */
  selfTime: Map<string, number>;
  /**
   * The main thread's tasks of 4 ms or more before the row, in order: when (ms from navigation start, or
   * from the first task when the trace does not say), how long, what they ran.
   */
  longTasks: string[];
}

const SCRIPT = new Set(['EvaluateScript', 'FunctionCall', 'v8.run', 'TimerFire', 'FireAnimationFrame']);
const COMPILE = new Set(['v8.compile', 'v8.compileModule', 'V8.CompileCode', 'v8.produceModuleCache']);
const LAYOUT = new Set(['Layout', 'UpdateLayoutTree']);

const ms = (us: number) => us / 1000;

/** Sums what the renderer's main thread did before the first row; `null` when the mark is missing. */
export function mainThreadFigures(events: TraceEvent[]): MainThreadFigures | null {
  const mark = events.find(
    (e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string })?.message === FIRST_ROW_MARK,
  );
  if (!mark) return null;
  const onMain = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ts <= mark.ts);
  const tasks = onMain.filter(
    (e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
  );
  const sum = (xs: TraceEvent[], key: 'dur' | 'tdur') => ms(xs.reduce((s, e) => s + (e[key] ?? 0), 0));
  // Nested events of one kind (a FunctionCall inside an EvaluateScript) are counted once: only the outermost.
  const outermost = (names: Set<string>) => {
    const picked: TraceEvent[] = [];
    let end = -1;
    for (const e of onMain.filter((x) => x.ph === 'X' && names.has(x.name)).sort((a, b) => a.ts - b.ts)) {
      if (e.ts >= end) {
        picked.push(e);
        end = e.ts + (e.dur ?? 0);
      }
    }
    return picked;
  };
  const scripts = outermost(SCRIPT);
  const layouts = outermost(LAYOUT);
  const inside = (e: TraceEvent) => scripts.some((s) => e.ts >= s.ts && e.ts < s.ts + (s.dur ?? 0));
  const first = tasks.reduce((min, e) => Math.min(min, e.ts), mark.ts);
  return {
    busyMs: sum(tasks, 'dur'),
    cpuMs: sum(tasks, 'tdur'),
    spanMs: ms(mark.ts - first),
    scriptMs: sum(scripts, 'dur'),
    compileMs: sum(outermost(COMPILE), 'dur'),
    styleLayoutMs: sum(layouts, 'dur'),
    forcedLayouts: layouts.filter(inside).length,
    selfTime: sampledSelfTime(events, mark),
    longTasks: longTasks(onMain, tasks, navigationStart(events, mark) ?? first),
  };
}

/** The page's navigation start (the page clock's zero, as in Resource Timing), if the trace has it. */
function navigationStart(events: TraceEvent[], mark: TraceEvent): number | undefined {
  const starts = events.filter((e) => e.name === 'navigationStart' && e.pid === mark.pid && e.ts <= mark.ts);
  return starts.length ? Math.max(...starts.map((e) => e.ts)) : undefined;
}

/** What a trace event ran, in a few words: the script's file or the function, else the event's name. */
function describe(e: TraceEvent): string {
  const data = (e.args?.data ?? e.args ?? {}) as { url?: string; fileName?: string; functionName?: string };
  const file = (data.url ?? data.fileName ?? '').split('/').pop() ?? '';
  const fn = data.functionName ? `${data.functionName} ` : '';
  return `${e.name}${fn || file ? ` ${fn}${file}` : ''}`.trim();
}

const WORTH_NAMING = new Set([
  ...SCRIPT,
  ...COMPILE,
  ...LAYOUT,
  'ParseHTML',
  'Paint',
  'MajorGC',
  'MinorGC',
  'V8.GC_SCAVENGER',
  'ParseAuthorStyleSheet',
  'ResourceReceivedData',
  'ResourceFinish',
  'EventDispatch',
]);

/** The long tasks (≥ 4 ms) and, for each, its three longest named events inside. */
function longTasks(onMain: TraceEvent[], tasks: TraceEvent[], first: number): string[] {
  const named = onMain.filter((e) => e.ph === 'X' && WORTH_NAMING.has(e.name));
  return tasks
    .filter((t) => (t.dur ?? 0) >= 4000)
    .sort((a, b) => a.ts - b.ts)
    .map((t) => {
      const end = t.ts + (t.dur ?? 0);
      const inside = named
        .filter((e) => e.ts >= t.ts && e.ts < end)
        .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
        .slice(0, 3)
        .map((e) => `${describe(e)} ${ms(e.dur ?? 0).toFixed(1)}`);
      return `at ${ms(t.ts - first)
        .toFixed(0)
        .padStart(5)} ms  ${ms(t.dur ?? 0)
        .toFixed(1)
        .padStart(6)} ms (CPU ${ms(t.tdur ?? 0).toFixed(1)})  ${inside.join('; ')}`;
    });
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName?: string; url?: string; lineNumber?: number };
}

/** Self time per function from the V8 sampler's ProfileChunk events of the mark's process, up to the mark. */
function sampledSelfTime(events: TraceEvent[], mark: TraceEvent): Map<string, number> {
  const nodes = new Map<number, ProfileNode>();
  const self = new Map<string, number>();
  const starts = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== mark.pid) continue;
    if (e.name === 'Profile') starts.set(e.id ?? '', (e.args?.data as { startTime: number }).startTime);
  }
  const clock = new Map(starts);
  for (const e of events) {
    if (e.pid !== mark.pid || e.name !== 'ProfileChunk') continue;
    const data = e.args?.data as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    let t = clock.get(e.id ?? '') ?? 0;
    for (let i = 0; i < samples.length; i++) {
      const delta = deltas[i] ?? 0;
      t += delta;
      if (t > mark.ts) break;
      const node = nodes.get(samples[i] ?? -1);
      if (!node) continue;
      const { functionName = '', url = '', lineNumber = 0 } = node.callFrame;
      const file = url.split('/').pop() ?? '';
      const key = file ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` : functionName;
      self.set(key, (self.get(key) ?? 0) + ms(delta));
    }
    clock.set(e.id ?? '', t);
  }
  return self;
}

/** Parses the buffer Browser.stopTracing returns. */
export function parseTrace(buffer: Buffer): TraceEvent[] {
  const json = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(json) ? json : (json.traceEvents ?? []);
}
