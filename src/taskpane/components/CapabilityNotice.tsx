/**
 * Tells the clerk which features this Excel cannot offer and what to do instead; everything
 * else keeps working. Loaded only when something is missing (App.tsx), and the pane's start-up
 * error, both as Fluent message bars, which the first screen does not otherwise need.
 */
import React from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { CAPABILITY_MESSAGE, missingCapabilities } from '../lib/capabilities';
import { usePane } from '../state';

export function CapabilityNotice(): React.JSX.Element | null {
  const { shell, t } = usePane();
  const missing = missingCapabilities(shell.capabilities);
  if (missing.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>{t('capOff')}</MessageBarTitle>
        <ul>
          {missing.map((key) => (
            <li key={key}>{t(CAPABILITY_MESSAGE[key])}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

export function StartupError(props: { text: string }): React.JSX.Element {
  return (
    <MessageBar intent="error">
      <MessageBarBody>{props.text}</MessageBarBody>
    </MessageBar>
  );
}
