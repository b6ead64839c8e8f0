// Where time or bytes go, in the user's words: the legend, the flame tooltip and the colour swatches.
import type { CategoryName } from '../../../src/protocol/shared/views';

export const categoryLabels: Record<CategoryName, string> = {
  app: 'Your code',
  dependency: 'Dependencies',
  node: 'Node.js',
  native: 'V8 / native',
  idle: 'Idle',
};
