/**
 * How the models' messages read on the page. The library speaks seconds (the API's unit); every time field of the
 * page is in milliseconds, so a message shown beside one says ms too. Pure text, tested in Node.
 * @module
 */

const SECONDS = /(?<![\d.,])(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?) s\b/g;
const TIME_PARAM = /(?:^|\.)(dt|duration|tauM|tauRef|tauS|filterTauS|onset|delay)$/;
const asMs = (s: string) => String(Number((Number(s) * 1e3).toPrecision(6)));

/**
 * A message from the models (which speak seconds, the API's unit) in the page's units: times in ms, as every time
 * field of the page is. `param` is the parameter the message is about: its bare "(got x)" is then a time as well.
 */
export function inPageUnits(message: string, param = ''): string {
  let m = message.replace(SECONDS, (_, x: string) => `${asMs(x)} ms`);
  if (TIME_PARAM.test(param)) m = m.replace(/\(got (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\)/g, (_, x: string) => `(got ${asMs(x)} ms)`);
  return m;
}


/**
 * A whole number with thousands separators, 1234567 → '1,234,567' (as `toLocaleString('en')` writes it, without
 * its first call on the page, which loads the locale data and holds the page for ~100 ms).
 */
export function thousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = String(Math.abs(n)).split('.');
  return `${n < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}
