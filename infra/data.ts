import { CfnTable, AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb'
import { RemovalPolicy } from 'aws-cdk-lib'
import { Construct } from 'constructs'
import { TABLE_DEFINITION } from '../functions/db/table-definition.js'

/**
 * The single table, built from the same TABLE_DEFINITION that the local CreateTable uses,
 * so the deployed keys and indexes cannot drift from what the code and tests exercise.
 */
export class Data extends Construct {
  readonly table: Table

  constructor(scope: Construct, id: string) {
    super(scope, id)

    const str = (name: string) => ({ name, type: AttributeType.STRING })

    this.table = new Table(this, 'Table', {
      partitionKey: str(TABLE_DEFINITION.partitionKey),
      sortKey: str(TABLE_DEFINITION.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TABLE_DEFINITION.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    })

    for (const index of TABLE_DEFINITION.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: str(index.partitionKey),
        sortKey: str(index.sortKey),
        projectionType: ProjectionType.ALL,
      })
    }

    // A stable logical id: moving this construct must never make CloudFormation replace the table.
    const cfnTable = this.table.node.defaultChild as CfnTable
    cfnTable.overrideLogicalId('WengangTable')
  }
}
