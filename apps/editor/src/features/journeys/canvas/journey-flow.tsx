import { NODE_TYPES, type NodeType } from '@kizuna/journey';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type DefaultEdgeOptions,
  type EdgeChange,
  type EdgeTypes,
  type IsValidConnection,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useMemo, useRef, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanvasStores, useDocument } from './canvas-context';
import { canConnect, changeEdges, changeNodes, connect, endDrag, startDrag } from './canvas-document';
import type { JourneyFlowEdge, JourneyFlowNode } from './flow-types';
import { JourneyEdge } from './journey-edge';
import { JourneyNodeCard } from './journey-node-card';
import { DEFAULT_NODE_SIZE } from './auto-layout';
import { addNodeAt } from './canvas-commands';
import { useAccessibleNames } from './use-accessible-names';

/** The drag-and-drop type of a palette item: the node type travels in the drag data. */
export const PALETTE_MIME = 'application/x-kizuna-node-type';

// Module scope, as React Flow asks: a new object on each render would remount every node.
const nodeTypes: NodeTypes = Object.fromEntries(NODE_TYPES.map((type) => [type, JourneyNodeCard]));
const edgeTypes: EdgeTypes = { journey: JourneyEdge };
const defaultEdgeOptions: DefaultEdgeOptions = { type: 'journey', markerEnd: { type: MarkerType.ArrowClosed } };
const fitViewOptions = { padding: 0.15, maxZoom: 1 };
const knownTypes: ReadonlySet<string> = new Set(NODE_TYPES);
const DELETE_KEYS = ['Backspace', 'Delete'];

/**
 * The canvas itself: React Flow controlled by the document store. Not editable: nodes can be
 * selected (to read their settings) but not moved, connected, deleted or dropped.
 */
export function JourneyFlow({ editable = true }: { editable?: boolean }) {
  const { t } = useTranslation();
  const { document } = useCanvasStores();
  const { nodes, edges } = useAccessibleNames(
    useDocument((doc) => doc.history.present.nodes),
    useDocument((doc) => doc.history.present.edges),
  );
  const { screenToFlowPosition } = useReactFlow();

  // Each deletion gets a name before React Flow reports its edges and nodes (one undo step).
  const deletion = useRef(0);
  const onBeforeDelete = useCallback(() => {
    deletion.current += 1;
    return Promise.resolve(true);
  }, []);
  const onNodesChange = useCallback(
    (changes: NodeChange<JourneyFlowNode>[]) =>
      document.set((doc) => changeNodes(doc, changes, `delete-${deletion.current}`)),
    [document],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<JourneyFlowEdge>[]) =>
      document.set((doc) => changeEdges(doc, changes, `delete-${deletion.current}`)),
    [document],
  );
  const onConnect = useCallback(
    (connection: Connection) => document.set((doc) => connect(doc, connection)),
    [document],
  );
  const isValidConnection = useCallback<IsValidConnection<JourneyFlowEdge>>(
    (connection) => canConnect(document.get().history.present, connection),
    [document],
  );
  const onDragStart = useCallback(() => document.set(startDrag), [document]);
  const onDragStop = useCallback(() => document.set(endDrag), [document]);
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!knownTypes.has(type)) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Dropped where the pointer is: the card's centre under it.
      addNodeAt(document, type as NodeType, {
        x: Math.round(point.x - DEFAULT_NODE_SIZE.width / 2),
        y: Math.round(point.y - DEFAULT_NODE_SIZE.height / 2),
      });
    },
    [document, screenToFlowPosition],
  );

  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t('canvas.flow.nodeDescription'),
      'node.a11yDescription.keyboardDisabled': t('canvas.flow.nodeDescriptionKeyboardDisabled'),
      'node.a11yDescription.ariaLiveMessage': ({ x, y }: { direction: string; x: number; y: number }) =>
        t('canvas.flow.moved', { x: Math.round(x), y: Math.round(y) }),
      'edge.a11yDescription.default': t('canvas.flow.edgeDescription'),
      'controls.ariaLabel': t('canvas.flow.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.flow.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.flow.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.flow.fitView'),
      'controls.interactive.ariaLabel': t('canvas.flow.interactive'),
      'minimap.ariaLabel': t('canvas.flow.minimap'),
      'handle.ariaLabel': t('canvas.flow.handle'),
    }),
    [t],
  );

  return (
    <ReactFlow<JourneyFlowNode, JourneyFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onBeforeDelete={onBeforeDelete}
      isValidConnection={isValidConnection}
      onNodeDragStart={onDragStart}
      onNodeDragStop={onDragStop}
      onSelectionDragStart={onDragStart}
      onSelectionDragStop={onDragStop}
      onDragOver={editable ? onDragOver : undefined}
      onDrop={editable ? onDrop : undefined}
      nodesDraggable={editable}
      nodesConnectable={editable}
      deleteKeyCode={editable ? DELETE_KEYS : null}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={0.1}
      maxZoom={2}
      connectionRadius={30}
      ariaLabelConfig={ariaLabelConfig}
    >
      <Background gap={24} />
      <MiniMap pannable zoomable className="journey-minimap" />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
