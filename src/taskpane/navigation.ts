/** Lets a panel send the clerk to another one (e.g. Submit's errors to Check). */
import { createContext, useContext } from 'react';

export type PanelId = 'start' | 'entry' | 'support' | 'check' | 'report' | 'submit' | 'settings';

export const NavigationContext = createContext<(panel: PanelId) => void>(() => undefined);

export function useGoTo(): (panel: PanelId) => void {
  return useContext(NavigationContext);
}
