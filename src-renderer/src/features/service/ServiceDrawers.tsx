import { BuyerDrawer } from './BuyerDrawer';
import { OrderDrawer } from './OrderDrawer';

/** The order and buyer drawers; each service page renders them once. */
export function ServiceDrawers() {
  return (
    <>
      <OrderDrawer />
      <BuyerDrawer />
    </>
  );
}
