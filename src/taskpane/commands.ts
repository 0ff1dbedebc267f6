/**
 * Ribbon function file (manifest FunctionFile). The only button opens the task pane
 * (ShowTaskpane), so no function is registered; Office still requires the page to load.
 */
if (typeof Office !== 'undefined') {
  Office.onReady(() => undefined);
}
