/** trigger (an event) -> email "hello" -> wait 1 minute -> email "follow-up" -> exit: the fault drills' journey. */
export function twoEmailsJourney(eventName: string) {
  return {
    version: 1,
    nodes: [
      { id: 'start', type: 'trigger.event', config: { eventName, filters: [] } },
      { id: 'hello', type: 'send', config: { channel: 'email', templateId: 'hello' } },
      { id: 'wait', type: 'wait', config: { mode: 'duration', duration: { amount: 1, unit: 'minutes' } } },
      { id: 'follow-up', type: 'send', config: { channel: 'email', templateId: 'follow-up' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { id: 'a', source: 'start', target: 'hello' },
      { id: 'b', source: 'hello', target: 'wait' },
      { id: 'c', source: 'wait', target: 'follow-up' },
      { id: 'd', source: 'follow-up', target: 'done' },
    ],
  };
}
