import { AftersalesCreateModal } from './AftersalesCreateModal';
import { AftersalesDrawer } from './AftersalesDrawer';
import { BuyerDrawer } from './BuyerDrawer';
import { OrderDrawer } from './OrderDrawer';

/** The order, buyer and after-sales case drawers (and the new-case dialog); each service page renders them once. */
export function ServiceDrawers() {
  return (
    <>
      <OrderDrawer />
      <BuyerDrawer />
      <AftersalesDrawer />
      <AftersalesCreateModal />
    </>
  );
}
