// The key under which the driver's names contract (suites/driver/reference/names.ts, a target
// file's "selectors") holds a vendor's option label in the vendor select: `vendor` + the vendor id
// capitalised (vendorEntra, vendorOkta, …). Computed, not listed, so the names of a new vendor
// follow from its id on both sides: the suites (persona registry) and the portal (presets).
export type VendorOptionKey<V extends string> = `vendor${Capitalize<V>}`;

export function vendorOptionKey<V extends string>(vendor: V): VendorOptionKey<V> {
  const [first = '', ...rest] = vendor;
  return `vendor${first.toUpperCase()}${rest.join('')}` as VendorOptionKey<V>;
}

/** `{ vendorX: label(x) }` for each vendor, in the given order. */
export function vendorOptionNames<V extends string, T>(
  vendors: readonly V[],
  value: (vendor: V) => T,
): Readonly<Record<VendorOptionKey<V>, T>> {
  // Filled from `vendors`, so every key of the record is present.
  return Object.fromEntries(vendors.map((vendor) => [vendorOptionKey(vendor), value(vendor)])) as Record<VendorOptionKey<V>, T>;
}
