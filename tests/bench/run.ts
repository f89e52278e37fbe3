// `npm run bench [-- index|history|bulk|live|pages|auto|scale|sync|webhooks]`: measurements, not tests. Each writes docs/benchmarks/<name>.md.
import { runAutoBench } from './auto';
import { runBulkBench } from './bulk';
import { runHistoryBench } from './history';
import { runIndexBench } from './index';
import { runLiveBench } from './live';
import { runPagesBench } from './pages';
import { runScaleBench } from './scale';
import { runSyncBench } from './sync';
import { runWebhooksBench } from './webhooks';

const benches: Record<string, () => Promise<string>> = {
  index: runIndexBench,
  history: runHistoryBench,
  bulk: runBulkBench,
  live: runLiveBench,
  pages: runPagesBench,
  auto: runAutoBench,
  scale: runScaleBench,
  sync: runSyncBench,
  webhooks: runWebhooksBench,
};
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`Unknown benchmark "${name}"; choose from: ${Object.keys(benches).join(', ')}.`);
    process.exit(1);
  }
  console.log(await bench());
}
