/** The widget's CSS, inside its shadow root: the host page's styles cannot reach it, nor it theirs. */
export const CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; background: #1d4ed8; color: #fff;
  border: 0; border-radius: 999px; padding: 12px 18px; font-size: 15px; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.launcher:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.panel { position: fixed; right: 20px; bottom: 76px; z-index: 2147483000; width: min(360px, calc(100vw - 24px));
  height: min(520px, calc(100vh - 100px)); background: #fff; color: #111827; border-radius: 12px;
  box-shadow: 0 10px 30px rgba(0,0,0,.3); display: flex; flex-direction: column; overflow: hidden; font-size: 14px; }
.panel[hidden] { display: none; }
header { display: flex; align-items: center; justify-content: space-between; background: #1d4ed8; color: #fff; padding: 10px 14px; }
h2 { margin: 0; font-size: 16px; font-weight: 600; }
.close { background: transparent; color: #fff; border: 0; font-size: 22px; line-height: 1; cursor: pointer; padding: 2px 6px; }
.status { margin: 0; padding: 8px 14px; background: #eff6ff; color: #1e3a8a; }
form { display: flex; flex-direction: column; gap: 8px; padding: 12px 14px; }
label { display: flex; flex-direction: column; gap: 4px; font-weight: 500; color: #111827; }
input, textarea { font-size: 14px; padding: 8px; border: 1px solid #6b7280; border-radius: 6px; color: #111827; background: #fff; }
textarea { resize: vertical; min-height: 40px; }
.primary { background: #1d4ed8; color: #fff; border: 0; border-radius: 6px; padding: 9px 12px; font-size: 14px; cursor: pointer; }
.secondary { background: #fff; color: #1d4ed8; border: 1px solid #1d4ed8; border-radius: 6px; padding: 6px 10px; font-size: 13px; cursor: pointer; }
.log { flex: 1; overflow-y: auto; padding: 10px 14px; display: flex; flex-direction: column; gap: 6px; margin: 0; list-style: none; }
.line { max-width: 85%; padding: 7px 10px; border-radius: 10px; white-space: pre-wrap; word-wrap: break-word; }
.line.visitor { align-self: flex-end; background: #1d4ed8; color: #fff; }
.line.agent { align-self: flex-start; background: #f3f4f6; color: #111827; }
.line .who { display: block; font-size: 12px; font-weight: 600; margin-bottom: 2px; }
.line.pending { opacity: .75; }
.typing { min-height: 18px; padding: 0 14px; color: #374151; font-size: 12px; margin: 0; }
.compose { display: flex; gap: 6px; padding: 8px 14px 12px; border-top: 1px solid #e5e7eb; }
.compose label { flex: 1; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.footer { padding: 0 14px 10px; display: flex; flex-direction: column; gap: 4px; }
.note { margin: 0; font-size: 12px; color: #374151; }
`;
