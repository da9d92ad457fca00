/**
 * The one description of Wengang's single table. Plain data with no imports, so that both
 * the local CreateTable (scripts, tests) and the CDK construct in infra/ read the same thing.
 */
export const TABLE_DEFINITION = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Overloaded global secondary indexes; each entity documents its use in docs/data-model.md. */
  globalIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
    { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
    { indexName: 'GSI5', partitionKey: 'GSI5PK', sortKey: 'GSI5SK' },
  ],
  /** Epoch seconds; DynamoDB deletes expired one-time codes and sessions by itself. */
  timeToLiveAttribute: 'ttl',
} as const

export type IndexName = (typeof TABLE_DEFINITION.globalIndexes)[number]['indexName']
