import type { NodeType } from './journey-graph.schema';
import type { NodeAdjacency } from './graph-paths';
import { nodeIssue, type JourneyIssue } from './journey-issue';

/** The nodes where an enrolment stops until time passes: a cycle through one of them is a loop with a pause. */
const WAITING_TYPES: ReadonlySet<NodeType> = new Set(['wait', 'wait-for-event']);

/**
 * Cycles that no wait interrupts: an enrolment on one would go round without pausing (the engine
 * stops it after MAX_STEPS_PER_ADVANCE steps, mid-journey). With the waiting nodes taken out,
 * every cycle left lies inside a strongly connected component, so one pass of Tarjan's algorithm
 * finds them all; each component is reported once, with its shortest cycle through its first node.
 */
export function cycleIssues({ nodes, next }: NodeAdjacency): JourneyIssue[] {
  const looping = nodes.map((node) => !WAITING_TYPES.has(node.type));
  const loopingNext = next.map((targets, from) => (looping[from] ? targets.filter((to) => looping[to]) : []));
  const issues: JourneyIssue[] = [];
  for (const component of stronglyConnectedComponents(loopingNext)) {
    const start = Math.min(...component);
    if (component.length === 1 && !loopingNext[start]!.includes(start)) continue;
    const members = new Set(component);
    const cycle = [...shortestCycleThrough(start, members, loopingNext), start].map((index) => `"${nodes[index]!.id}"`);
    issues.push(
      nodeIssue(
        'cycle-without-wait',
        nodes[start]!,
        `is in a cycle without a wait: ${cycle.join(' -> ')}; add a wait or wait-for-event to it`,
      ),
    );
  }
  return issues;
}

/** Tarjan's algorithm, iterative (no recursion depth to run out of): O(nodes + edges). */
export function stronglyConnectedComponents(next: readonly (readonly number[])[]): number[][] {
  const count = next.length;
  const order = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let visited = 0;
  const visit = (node: number) => {
    order[node] = low[node] = visited++;
    stack.push(node);
    onStack[node] = true;
  };
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    visit(root);
    const frames = [{ node: root, edge: 0 }];
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      const targets = next[frame.node]!;
      if (frame.edge < targets.length) {
        const to = targets[frame.edge++]!;
        if (order[to] === -1) {
          visit(to);
          frames.push({ node: to, edge: 0 });
        } else if (onStack[to]) {
          low[frame.node] = Math.min(low[frame.node]!, order[to]!);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node]!, low[frame.node]!);
      if (low[frame.node] !== order[frame.node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = false;
        component.push(member);
      } while (member !== frame.node);
      components.push(component);
    }
  }
  return components;
}

/** Breadth-first within a component from `start` back to it: the nodes of the cycle, from `start`. */
function shortestCycleThrough(start: number, members: ReadonlySet<number>, next: readonly (readonly number[])[]) {
  const parent = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head]!;
    for (const to of next[from]!) {
      if (to === start) {
        const path: number[] = [];
        for (let node = from; node !== -1; node = parent.get(node)!) path.push(node);
        return path.reverse();
      }
      if (!members.has(to) || parent.has(to)) continue;
      parent.set(to, from);
      queue.push(to);
    }
  }
  return [start];
}
