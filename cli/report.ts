/** `report`: the offline Allure page of the last run in the reports folder (fixtures/reporting/allure-page.ts). */
import { REPORTS_DIR } from '../fixtures/paths';
import { buildAllurePage } from '../fixtures/reporting/allure-page';

export async function report(args: string[]): Promise<number> {
  if (args.length > 0) {
    console.error(`report takes no arguments but settings (see --help): ${args.join(' ')}`);
    return 2;
  }
  const built = await buildAllurePage(REPORTS_DIR);
  if ('problem' in built) {
    console.error(built.code === 2 ? built.problem.replace(/\.$/, ' (JANS_REPORTS_DIR names another reports folder).') : built.problem);
    return built.code;
  }
  console.log(`Allure report: ${built.page}`);
  return 0;
}
