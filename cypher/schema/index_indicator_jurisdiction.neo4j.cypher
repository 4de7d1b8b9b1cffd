// name: index_indicator_jurisdiction
// mode: schema
// params: none
// columns: none
// description: index on Indicator.jurisdiction, created only if missing
CREATE INDEX indicator_jurisdiction IF NOT EXISTS FOR (n:Indicator) ON (n.jurisdiction)
