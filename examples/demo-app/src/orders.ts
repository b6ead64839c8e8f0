// Turns a request body into a priced order; JSON parsing and validation are realistic costs.
import { priceOrder, type LineItem } from './pricing';

export interface OrderRequest {
  customer: string;
  items: LineItem[];
}

export function handleOrder(body: string): { customer: string; total: number } {
  const order = JSON.parse(body) as OrderRequest;
  if (!/^[a-z0-9-]{3,40}$/.test(order.customer)) throw new Error('bad customer');
  return { customer: order.customer, total: priceOrder(order.items) };
}

export function sampleOrder(n: number): string {
  const items = Array.from({ length: 20 + (n % 30) }, (_, i) => ({
    sku: `SKU-${(n * 31 + i) % 1000}`,
    quantity: 1 + (i % 4),
    unitPrice: 5 + ((n + i) % 50),
  }));
  return JSON.stringify({ customer: `customer-${n % 97}`, items });
}
