// Prices an order. `applyDiscounts` is written naively on purpose: it is the demo's hot spot.
export interface LineItem {
  sku: string;
  quantity: number;
  unitPrice: number;
}

const discountRules = Array.from({ length: 200 }, (_, i) => ({
  pattern: new RegExp(`^SKU-${i % 17}\\d*$`),
  percent: (i % 9) + 1,
}));

export function applyDiscounts(item: LineItem): number {
  let price = item.unitPrice * item.quantity;
  for (const rule of discountRules) {
    if (rule.pattern.test(item.sku)) price -= (price * rule.percent) / 100;
  }
  return Math.round(price * 100) / 100;
}

export function priceOrder(items: LineItem[]): number {
  return items.reduce((sum, item) => sum + applyDiscounts(item), 0);
}
