import { journeyTemplateSchema, validateJourney, type JourneyIssue } from '@kizuna/journey';
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { JourneyService } from '../../journeys/journey.service';
import { PublishJourneyUseCase } from '../../journeys/use-cases/publish-journey.use-case';
import { SimulateJourneyUseCase, type SimulationRequest } from '../../journeys/use-cases/simulate-journey.use-case';
import type { CliContext } from '../cli-context';
import { CliUsageError, printJson, printLines } from '../cli-output';
import { resolveWorkspace } from '../resolve-workspace';
import { withContext } from './workspaces.command';

interface WorkspaceOption {
  workspace?: string;
  json?: boolean;
}

interface SimulateOptions extends WorkspaceOption {
  customers?: string;
  segment?: string;
  sample?: string;
  days?: string;
  start?: string;
  assumeEvents?: boolean;
}

/**
 * A journey file: a bare graph, `{ name, description?, graph }`, or a scenario template (whose
 * segment references are its own `ref`s).
 */
interface JourneyFile {
  name: string;
  description: string;
  graph: unknown;
  templateSegmentRefs: Set<number> | null;
}

async function readJourneyFile(file: string): Promise<JourneyFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`cannot read a journey from ${file}: ${(error as Error).message}`);
  }
  const fallbackName = path.basename(file, path.extname(file));
  if (typeof json !== 'object' || json === null) throw new CliUsageError(`${file} does not hold a JSON object`);
  const record = json as Record<string, unknown>;
  if ('key' in record && 'graph' in record) {
    const template = journeyTemplateSchema.safeParse(json);
    if (!template.success) {
      const issue = template.error.issues[0];
      throw new CliUsageError(`${file} is not a valid template: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return {
      name: template.data.name,
      description: template.data.description,
      graph: template.data.graph,
      templateSegmentRefs: new Set(template.data.segments.map((s) => s.ref)),
    };
  }
  if ('graph' in record) {
    return {
      name: typeof record.name === 'string' ? record.name : fallbackName,
      description: typeof record.description === 'string' ? record.description : '',
      graph: record.graph,
      templateSegmentRefs: null,
    };
  }
  return { name: fallbackName, description: '', graph: json, templateSegmentRefs: null };
}

function describeIssues(issues: readonly JourneyIssue[]): string[] {
  return issues.map((issue) => `  ✗ [${issue.code}] ${issue.message}`);
}

/** A saved journey by id or name, or (for a file) the journey of the file's name, created or updated. */
async function journeyFor(context: CliContext, workspaceId: number, target: string): Promise<number> {
  const journeys = context.get(JourneyService);
  if (/^\d+$/.test(target)) return Number(target);
  if (!target.endsWith('.json')) {
    const found = (await journeys.list(workspaceId)).find((j) => j.name === target);
    if (!found) throw new CliUsageError(`no journey "${target}" (see: kizuna journeys list)`);
    return found.id;
  }
  const file = await readJourneyFile(target);
  const existing = (await journeys.list(workspaceId)).find((j) => j.name === file.name);
  if (existing) {
    await journeys.update(workspaceId, existing.id, { graph: file.graph, description: file.description });
    return existing.id;
  }
  return (await journeys.create(workspaceId, { name: file.name, description: file.description, graph: file.graph })).id;
}

export function registerJourneyCommands(program: Command): void {
  const journeys = program.command('journeys').description('validate, publish and simulate journeys');
  journeys
    .command('list')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--json', 'print as JSON')
    .action(async (options: WorkspaceOption) => {
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const all = await context.get(JourneyService).list(workspace.id);
        if (options.json) return printJson(all);
        printLines(
          ...(all.length
            ? all.map((j) => `${j.id}\t${j.name}\t${j.status}\tv${j.currentVersion ?? '-'}`)
            : ['(no journeys)']),
        );
      });
    });
  journeys
    .command('validate')
    .description('check a journey (a JSON file, or a saved journey by id or name) as publishing would')
    .argument('<file|id>')
    .option('-w, --workspace <slug>', 'workspace (checks that referenced segments exist)')
    .option('--json', 'print as JSON')
    .action(async (target: string, options: WorkspaceOption) => {
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const service = context.get(JourneyService);
        let issues: JourneyIssue[];
        if (target.endsWith('.json')) {
          const file = await readJourneyFile(target);
          issues = file.templateSegmentRefs
            ? validateJourney(file.graph, {
                timeZone: workspace.timezone,
                segmentExists: (id) => file.templateSegmentRefs!.has(id),
              }).issues
            : await service.issues(workspace.id, file.graph);
        } else {
          issues = (await service.get(workspace.id, await journeyFor(context, workspace.id, target))).issues;
        }
        if (options.json) printJson({ valid: issues.length === 0, issues });
        else printLines(issues.length ? `${issues.length} problem(s):` : 'valid', ...describeIssues(issues));
        if (issues.length) process.exitCode = 1;
      });
    });
  journeys
    .command('publish')
    .description(
      'publish a journey: a JSON file (saved as the draft of the journey of its name first) or an id or name',
    )
    .argument('<file|id>')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--json', 'print as JSON')
    .action(async (target: string, options: WorkspaceOption) => {
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const journeyId = await journeyFor(context, workspace.id, target);
        const version = await context.get(PublishJourneyUseCase).execute(workspace.id, journeyId);
        if (options.json) return printJson(version);
        printLines(
          `journey ${journeyId} published as version ${version.version}`,
          ...version.changeSummary.map((c) => `  - ${c}`),
        );
      });
    });
  journeys
    .command('simulate')
    .description("dry run: each customer's path, wake times and messages under a simulated clock; stores nothing")
    .argument('<file|id>')
    .option('-w, --workspace <slug>', 'workspace')
    .option('--customers <ids>', 'comma-separated customer ids')
    .option('--segment <id>', "a sample of this segment's members")
    .option('--sample <n>', 'how many customers (default 20)')
    .option('--days <n>', 'how far the simulated clock may run (default 90)')
    .option('--start <iso>', 'simulated start time (default now)')
    .option('--assume-events', 'assume awaited events happen at once')
    .option('--json', 'print as JSON')
    .action(async (target: string, options: SimulateOptions) => {
      const request: SimulationRequest = {
        ...(options.customers ? { customerIds: options.customers.split(',').map((id) => Number(id.trim())) } : {}),
        ...(options.segment ? { segmentId: Number(options.segment) } : {}),
        ...(options.sample ? { sample: Number(options.sample) } : {}),
        ...(options.days ? { horizonDays: Number(options.days) } : {}),
        ...(options.start ? { start: options.start } : {}),
        ...(options.assumeEvents ? { assumeEventsHappen: true } : {}),
      };
      await withContext(async (context) => {
        const workspace = await resolveWorkspace(context, options.workspace);
        const simulate = context.get(SimulateJourneyUseCase);
        const result = target.endsWith('.json')
          ? await simulate.execute(workspace.id, null, { ...request, graph: (await readJourneyFile(target)).graph })
          : await simulate.execute(workspace.id, await journeyFor(context, workspace.id, target), request);
        if (options.json) return printJson(result);
        printLines(
          `${result.customers.length} customers from ${result.start.toISOString()}: ${Object.entries(result.outcomes)
            .map(([outcome, n]) => `${n} ${outcome}`)
            .join(', ')}`,
          ...result.customers.map(
            (c) =>
              `${c.customerId}\t${c.outcome}\t${c.transitions.map((t) => t.to ?? '(out)').join(' → ')}\t${c.messages
                .map(
                  (m) =>
                    `${m.channel}:${m.templateId ?? '-'}@${m.at.toISOString().slice(0, 16)}${m.status === 'suppressed' ? ` (suppressed: ${m.reason})` : ''}`,
                )
                .join(', ')}`,
          ),
        );
      });
    });
}
