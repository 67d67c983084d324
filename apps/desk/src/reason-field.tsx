/** A reason chosen from a list or written, kept as a draft (under `draftKey`) until it is sent. */
import { forwardRef, useId } from 'react';
import { useDesk, useDraft } from './desk';
import type { MessageKey } from './i18n';

interface Props {
  draftKey: string;
  choices: MessageKey[];
}

export const ReasonField = forwardRef<HTMLTextAreaElement, Props>(function ReasonField({ draftKey, choices }, ref) {
  const { t } = useDesk();
  const [text, setText] = useDraft(draftKey);
  const id = useId();
  return (
    <div className="reason">
      <label htmlFor={`${id}-pick`}>{t('common.reason')}</label>
      <select
        id={`${id}-pick`}
        value={choices.map((key) => t(key)).includes(text) ? text : ''}
        onChange={(event) => setText(event.target.value)}
      >
        <option value="">{t('common.reasonPick')}</option>
        {choices.map((key) => (
          <option key={key} value={t(key)}>
            {t(key)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-text`}>{t('common.reasonText')}</label>
      <textarea id={`${id}-text`} ref={ref} rows={3} maxLength={1000} value={text} onChange={(event) => setText(event.target.value)} />
    </div>
  );
});
