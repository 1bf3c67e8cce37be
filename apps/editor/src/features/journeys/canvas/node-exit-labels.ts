import { nodeExits, type NodeType } from '@kizuna/journey';
import type { TFunction } from 'i18next';
import { isRecord } from './flow-graph';

export interface ExitLabel {
  /** The handle id: the exit's name in the graph. */
  id: string;
  label: string;
}

const FIXED_EXITS = ['next', 'happened', 'timeout', 'else', 'treatment', 'control'] as const;
type FixedExit = (typeof FIXED_EXITS)[number];
const isFixed = (exit: string): exit is FixedExit => (FIXED_EXITS as readonly string[]).includes(exit);

/** A node's exits in order, each with the words the marketer gave it (a branch condition's label) or ours. */
export function exitLabels(type: NodeType, config: Record<string, unknown>, t: TFunction): ExitLabel[] {
  const items = [
    ...(Array.isArray(config['conditions']) ? (config['conditions'] as unknown[]) : []),
    ...(Array.isArray(config['arms']) ? (config['arms'] as unknown[]) : []),
  ].filter(isRecord);
  return nodeExits({ type, config }).map((exit) => {
    // A condition or arm called "else" still shows its own label: the config wins over the fixed words.
    const item = items.find((candidate) => candidate['id'] === exit);
    const given = item && typeof item['label'] === 'string' && item['label'].trim() ? item['label'] : null;
    return { id: exit, label: given ?? (item ? exit : isFixed(exit) ? t(`canvas.exits.${exit}`) : exit) };
  });
}
