/**
 * Tells the clerk which features this Excel cannot offer and what to do instead; everything
 * else keeps working.
 */
import React from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { CapabilityKey } from '../../excel/shell';
import type { MessageKey } from '../i18n';
import { usePane } from '../state';

export const CAPABILITY_MESSAGE: Record<CapabilityKey, MessageKey> = {
  dropdowns: 'capDropdowns',
  freezePanes: 'capFreezePanes',
  formatting: 'capFormatting',
  printLayout: 'capPrintLayout',
  fileAccess: 'capFileAccess',
};

export function missingCapabilities(capabilities: Record<CapabilityKey, boolean>): CapabilityKey[] {
  return (Object.keys(CAPABILITY_MESSAGE) as CapabilityKey[]).filter((key) => !capabilities[key]);
}

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
