/** The features an Excel may lack (the shell's capabilities) and the message for each. */
import type { CapabilityKey } from '../../excel/shell';
import type { MessageKey } from '../i18n';

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
