import { makeStyles, tokens } from '@fluentui/react-components';

/** The staff page on a phone: a table becomes a list of short blocks (units of the quarter,
 *  OUT-01 figures), each readable and with its actions in view, instead of a wide table to scroll. */
export const useCardListStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});
