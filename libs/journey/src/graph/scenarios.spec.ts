import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { referencedSegmentIds, validateSegmentRule } from '@kizuna/segments';
import { journeyTemplateSchema, nodeConfigSchemas, type JourneyTemplate } from './journey-graph.schema';
import { validateJourney } from './validate-journey';

const SCENARIOS = resolve(__dirname, '../../../../scenarios');
const files = readdirSync(SCENARIOS)
  .filter((file) => file.endsWith('.json'))
  .sort();

function load(file: string): JourneyTemplate {
  return journeyTemplateSchema.parse(JSON.parse(readFileSync(join(SCENARIOS, file), 'utf8')));
}

/** The template segments the graph reads: segment triggers and schedules, and branch conditions. */
function segmentRefs(template: JourneyTemplate): number[] {
  return template.graph.nodes.flatMap((node) => {
    if (node.type === 'branch') {
      return nodeConfigSchemas.branch.parse(node.config).conditions.flatMap((c) => referencedSegmentIds(c.rule));
    }
    return typeof node.config.segmentId === 'number' ? [node.config.segmentId] : [];
  });
}

describe('scenario templates', () => {
  it('include the standard scenarios', () => {
    expect(files).toEqual([
      'anniversary.json',
      'birthday.json',
      'churn-prevention.json',
      'first-purchase-cross-sell.json',
      'second-purchase-follow-up.json',
      'trial-follow-up.json',
    ]);
  });

  describe.each(files)('%s', (file) => {
    it('is a template keyed by its file name', () => {
      expect(load(file).key).toBe(basename(file, '.json'));
    });

    it('has a graph without issues, its segments referred to by ref', () => {
      const template = load(file);
      const refs = new Set(template.segments.map((segment) => segment.ref));
      expect(validateJourney(template.graph, { segmentExists: (id) => refs.has(id) })).toEqual({
        ok: true,
        graph: template.graph,
        issues: [],
      });
      expect(new Set(segmentRefs(template))).toEqual(refs);
    });

    it('holds out a control group that goes straight to a goal, so lift can be measured', () => {
      const { nodes, edges } = load(file).graph;
      const holdouts = nodes.filter((node) => node.type === 'holdout');
      expect(holdouts).toHaveLength(1);
      const control = edges.find((edge) => edge.source === holdouts[0]!.id && edge.sourceHandle === 'control');
      expect(nodes.find((node) => node.id === control?.target)?.type).toBe('goal');
    });

    it('defines each segment with a valid rule', () => {
      for (const segment of load(file).segments) {
        expect(validateSegmentRule(segment.definition)).toEqual({ ok: true, rule: segment.definition });
      }
    });

    it('places and labels every node, no two on the same spot', () => {
      const { nodes } = load(file).graph;
      expect(nodes.filter((node) => !node.position || !node.label).map((node) => node.id)).toEqual([]);
      const spots = new Set(nodes.map((node) => `${node.position?.x},${node.position?.y}`));
      expect(spots.size).toBe(nodes.length);
    });
  });
});
