// The coloured label that says what kind of item a row is.
import type { ItemType } from '../../../electron/contract';
import { TYPE_LABEL } from '../format';

export function TypeBadge({ type }: { type: ItemType }) {
  return (
    <span className={`badge badge-${type}`} data-testid="type-badge" data-type={type}>
      {TYPE_LABEL[type]}
    </span>
  );
}
