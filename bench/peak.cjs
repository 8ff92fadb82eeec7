// Preloaded into a measured process (`node -r ./bench/peak.cjs …`): on exit, writes its peak resident set size in
// kilobytes (Linux `maxrss`) to the file named by BENCH_PEAK_FILE.
'use strict';
const file = process.env.BENCH_PEAK_FILE;
if (file) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
