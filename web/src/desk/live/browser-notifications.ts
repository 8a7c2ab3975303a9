/**
 * Browser notifications of the agent's in-app notifications, only once the agent turned them on (the
 * browser asks for permission then) — remembered per browser.
 */
const KEY = 'bfg2-support.browser-notifications';

export type BrowserNotices = 'unsupported' | 'blocked' | 'off' | 'on';

export function browserNotices(): BrowserNotices {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  return Notification.permission === 'granted' && localStorage.getItem(KEY) === 'on' ? 'on' : 'off';
}

/** Asks the browser's permission and remembers the agent's wish; answers the state after. */
export async function enableBrowserNotices(): Promise<BrowserNotices> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission === 'granted') localStorage.setItem(KEY, 'on');
  return browserNotices();
}

/** Shows one notification if the agent turned them on; clicking it opens `url` in the desk's tab. */
export function showBrowserNotice(title: string, body: string, url: string | null): void {
  // The agent's wish first: it is cheap to read, the browser's permission is not.
  if (localStorage.getItem(KEY) !== 'on' || browserNotices() !== 'on') return;
  const notice = new Notification(title, { body, tag: url ?? title });
  notice.onclick = () => {
    window.focus();
    if (url) window.location.assign(url);
  };
}
