import { defaultRepeatStrategy } from 'bullmq';
import { DateTime } from 'luxon';

const MIN = 60e3,
  HOUR = 3600e3,
  DAY = 24 * HOUR;
const off = (t, zone) => DateTime.fromMillis(t, { zone }).offset;
const bad = [];
let ok = 0;
let zonesWithDst = 0;
const Y0 = Date.parse(process.argv[2] ?? '2027-01-01T00:00:00Z'),
  Y1 = Y0 + 365 * DAY;
for (const zone of Intl.supportedValuesOf('timeZone')) {
  let seen = false;
  for (let t = Y0; t < Y1; t += DAY) {
    const a = off(t, zone),
      b = off(t + DAY, zone);
    if (a === b) continue;
    seen = true;
    let lo = t,
      hi = t + DAY; // off(lo)=a, off(hi)=b ; find first minute with b
    while (hi - lo > MIN) {
      const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN || lo + MIN;
      if (off(mid, zone) === a) lo = mid;
      else hi = mid;
    }
    const tr = hi;
    const delta = b - a;
    const wallBefore = tr + a * MIN; // wall clock at transition under old offset, as UTC millis
    const wallAfter = tr + b * MIN;
    const kind = delta > 0 ? 'gap' : 'overlap';
    const start = Math.min(wallBefore, wallAfter),
      len = Math.abs(delta);
    for (const k of [0, Math.floor(len / 2), len - 1]) {
      const w = DateTime.fromMillis(start + k * MIN, { zone: 'UTC' });
      const pattern = `${w.minute} ${w.hour} * * ${w.weekday % 7}`;
      const got = [];
      let m = tr - 9 * DAY;
      while (m < tr + 9 * DAY) {
        m = defaultRepeatStrategy(m, { pattern, tz: zone });
        if (Math.abs(m - tr) < 12 * HOUR) got.push(m);
      }
      const desc = got.map((x) => DateTime.fromMillis(x, { zone }).toFormat('HH:mm ZZ')).join(', ') || 'none';
      if (got.length === 1) ok++;
      else bad.push(`${zone} ${kind} ${delta}min ${w.toFormat('ccc yyyy-MM-dd HH:mm')} -> ${desc}`);
      if (process.argv[3] && zone === process.argv[3])
        console.log(`${zone} ${kind} ${w.toFormat('ccc yyyy-MM-dd HH:mm')} -> ${desc}`);
    }
  }
  if (seen) zonesWithDst++;
}
console.log({ ok, bad: bad.length, zonesWithDst });
console.log(bad.join('\n'));
