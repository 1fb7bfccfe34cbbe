import { demoAssemblies } from './assemblies.js';
import { DemoClient, DemoError, type Mint, type Send, type Tally, type DemoContext } from './client.js';
import { demoCities, onboardCity } from './cities.js';
import { CITY, demoCommittees } from './committees.js';
import { demoConferences } from './conferences.js';
import { demoConsultations } from './consultations.js';
import { demoDuties } from './duties.js';
import { demoOtherCity, otherCities } from './other-cities.js';
import { demoReform } from './reform.js';
import { demoReporting } from './reporting.js';
import { demoServices } from './services.js';
import { demoTraining } from './training.js';
import { todayInShanghai } from './dates.js';

export { DemoError, demoCities };

export interface DemoOptions {
  send: Send;
  mint: Mint;
  /** The province the stack serves (PROVINCE_CODE). */
  provinceCode: string;
  /** The cities to bring in (all three by default); 珠海 (4404) is the one filled in every module. */
  cities?: string[];
  /** The stack's time (now by default). */
  now?: Date;
  /** Waits for the stack's queue workers between polls; a running stack needs only a moment. */
  settle?: () => Promise<void>;
  log?: (line: string) => void;
}

export interface DemoOutcome {
  failed: number;
  /** Rows each module created on this run (0 everywhere on a second run). */
  created: Record<string, number>;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 500));

/**
 * Brings in the demo cities with their division lists, then fills every module for 珠海 through the API, as the people
 * who would do it (the province, the city admin, district and street officers), and has every city report upward.
 * Each step looks before it writes, so a second run finds everything and changes nothing.
 */
export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const client = new DemoClient(options.send, options.mint, options.provinceCode);
  const now = options.now ?? new Date();
  const ctx: DemoContext = { client, now, today: todayInShanghai(now), settle: options.settle ?? pause };
  const wanted = options.cities ?? demoCities.map((c) => c.code);
  const created: Record<string, number> = {};
  let failed = 0;
  const onboarded: string[] = [];

  for (const city of demoCities.filter((c) => wanted.includes(c.code))) {
    log(`\n${city.name} ${city.code} — ${city.note}`);
    try {
      await onboardCity(client, city, log);
      onboarded.push(city.code);
    } catch (error) {
      if (!(error instanceof DemoError)) throw error;
      failed += 1;
      log(`  ${error.message}`);
    }
  }

  const step = async (name: string, run: () => Promise<Tally>): Promise<void> => {
    try {
      const tally = await run();
      created[name] = tally.created;
      log(`  ${name}: ${tally.created ? `created ${tally.created}` : 'nothing new'}${tally.existing ? `, found ${tally.existing}` : ''}${tally.notes.map((n) => `\n    ${n}`).join('')}`);
    } catch (error) {
      if (!(error instanceof DemoError)) throw error;
      failed += 1;
      log(`  ${name}: ${error.message}`);
    }
  };

  if (onboarded.includes(CITY)) {
    log(`\n珠海市 ${CITY} — every module (as of ${ctx.today})`);
    let committees: Awaited<ReturnType<typeof demoCommittees>> | undefined;
    await step('committees and elections', async () => {
      committees = await demoCommittees(ctx);
      return committees.tally;
    });
    if (committees) await step('training', () => demoTraining(ctx, committees!));
    if (committees) await step('residents’ meeting, decisions, 述职 and 评议', () => demoAssemblies(ctx));
    await step('member units and joint conferences', () => demoConferences(ctx));
    await step('services and volunteers', () => demoServices(ctx));
    await step('reform', () => demoReform(ctx));
    await step('residents\' consultations', () => demoConsultations(ctx));
    await step('duties transferred to communities', () => demoDuties(ctx));
  }
  for (const city of otherCities.filter((c) => onboarded.includes(c.code))) {
    log(`\n${city.name} ${city.code} — enough to compare`);
    await step(`committees, training and volunteers in ${city.streetName}`, () => demoOtherCity(ctx, city.code));
  }
  if (onboarded.length) {
    log('\nreports to the province');
    await step('reports', () => demoReporting(ctx, onboarded));
  }
  return { failed, created };
}
