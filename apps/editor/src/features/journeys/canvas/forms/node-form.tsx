import type { NodeType } from '@kizuna/journey';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { BranchForm } from './branch-form';
import type { NodeFormProps } from './form-kit';
import { SendForm } from './send-form';
import { HoldoutForm, SplitForm } from './split-forms';
import { DateRelativeTriggerForm, EventTriggerForm, ScheduleTriggerForm, SegmentPicker } from './trigger-forms';
import { GoalForm, UpdateForm } from './update-goal-forms';
import { WaitForEventForm, WaitForm } from './wait-forms';

function ExitForm() {
  const { t } = useTranslation();
  return <p className="muted">{t('canvas.forms.exitHelp')}</p>;
}

/** The form of each node type, beside its card (one entry per type of libs/journey: the compiler checks). */
export const NODE_FORMS: Record<NodeType, ComponentType<NodeFormProps>> = {
  'trigger.segment-entry': SegmentPicker,
  'trigger.segment-exit': SegmentPicker,
  'trigger.event': EventTriggerForm,
  'trigger.schedule': ScheduleTriggerForm,
  'trigger.date-relative': DateRelativeTriggerForm,
  wait: WaitForm,
  'wait-for-event': WaitForEventForm,
  branch: BranchForm,
  split: SplitForm,
  holdout: HoldoutForm,
  send: SendForm,
  update: UpdateForm,
  goal: GoalForm,
  exit: ExitForm,
};
