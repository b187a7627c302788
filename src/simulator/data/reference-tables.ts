/**
 * Small fixed tables of the tenant's reference data. Ids are positions in
 * these lists + 1; their natural keys (codes, names) never change, so an
 * association embedded in a document never goes stale.
 */
export const REFERENCE_TABLES = {
  /** [code, name]; index + 1 is the id. USD first: most spend is USD. */
  currencies: [
    ["USD", "US Dollar"],
    ["EUR", "Euro"],
    ["GBP", "British Pound"],
    ["CAD", "Canadian Dollar"],
    ["AUD", "Australian Dollar"],
    ["CHF", "Swiss Franc"],
  ],
  /** [code, name]; index + 1 is the id. */
  countries: [
    ["US", "United States"],
    ["CA", "Canada"],
    ["GB", "United Kingdom"],
    ["DE", "Germany"],
    ["FR", "France"],
    ["IE", "Ireland"],
    ["CH", "Switzerland"],
    ["AU", "Australia"],
    ["NL", "Netherlands"],
  ],
  departments: [
    "Finance",
    "Procurement",
    "IT",
    "Marketing",
    "Sales",
    "Operations",
    "Human Resources",
    "Legal",
    "Facilities",
    "Research",
    "Logistics",
    "Customer Support",
  ],
  businessGroups: [
    ["Global", "Visible to every user"],
    ["North America", "US and Canada entities"],
    ["EMEA", "Europe, Middle East and Africa entities"],
    ["APAC", "Asia-Pacific entities"],
    ["IT Catalog", "Hardware and software catalog"],
    ["Services", "Professional services suppliers"],
  ],
  /** Natural accounts, crossed with the departments' cost centres. */
  naturalAccounts: [
    ["6100", "Office Supplies"],
    ["6200", "IT Equipment"],
    ["6300", "Professional Services"],
    ["6400", "Travel"],
  ],
  /** [code, description, days for net payment, discount %]. */
  paymentTerms: [
    ["Net 30", "Payment due in 30 days", 30, 0],
    ["Net 45", "Payment due in 45 days", 45, 0],
    ["Net 60", "Payment due in 60 days", 60, 0],
    ["2/10 Net 30", "2% discount within 10 days", 30, 2],
    ["Net 15", "Payment due in 15 days", 15, 0],
    ["Net 90", "Payment due in 90 days", 90, 0],
    ["Due on receipt", "Payment due on receipt", 0, 0],
    ["1/15 Net 45", "1% discount within 15 days", 45, 1],
  ],
  commodityCategories: [
    ["IT", ["Laptops", "Monitors", "Software", "Peripherals", "Servers"]],
    ["Office", ["Paper", "Furniture", "Toner", "Stationery", "Pantry"]],
    ["Services", ["Consulting", "Cleaning", "Security", "Training", "Legal"]],
    ["Logistics", ["Freight", "Packaging", "Warehousing", "Couriers", "Fuel"]],
    ["Facilities", ["Maintenance", "Utilities", "Rent", "Repairs", "Tools"]],
    ["Marketing", ["Events", "Print", "Media", "Agencies", "Promotions"]],
  ],
  /** [code, name] of units of measure; index + 1 is the id. */
  uoms: [
    ["EA", "Each"],
    ["BX", "Box"],
    ["HR", "Hour"],
    ["KG", "Kilogram"],
    ["PK", "Pack"],
  ],
} as const;
