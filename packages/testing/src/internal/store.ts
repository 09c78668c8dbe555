/**
 * The fake's in-memory state: one table (an insertion-ordered `Map` by id) per resource, created on first use, so
 * that each group's handlers own their tables without a shared schema of the whole state.
 */
export interface StoreOptions {
  /** Hands out fresh ids (see `idGenerator`). */
  readonly newId: () => string
  /** The account's pages; the first is the default one. */
  readonly pageIds: ReadonlyArray<string>
  readonly organizationId: string
}

export class Store {
  readonly pageIds: ReadonlyArray<string>
  readonly organizationId: string
  /** A fresh Statuspage-style id. */
  readonly newId: () => string
  private readonly tables = new Map<string, Map<string, unknown>>()

  constructor(options: StoreOptions) {
    this.pageIds = options.pageIds
    this.organizationId = options.organizationId
    this.newId = options.newId
  }

  /** The table `name`, whose rows are of type `Row`. Each group module exports typed accessors for its tables. */
  table<Row>(name: string): Map<string, Row> {
    let table = this.tables.get(name)
    if (table === undefined) {
      table = new Map()
      this.tables.set(name, table)
    }
    return table as Map<string, Row>
  }

  /** Every non-empty table, as arrays of row copies. */
  snapshot(): Record<string, ReadonlyArray<unknown>> {
    const out: Record<string, ReadonlyArray<unknown>> = {}
    for (const [name, table] of this.tables) {
      if (table.size > 0) out[name] = structuredClone([...table.values()])
    }
    return out
  }
}
