// name: index_indicator_jurisdiction
// mode: schema
// params: none
// columns: none
// description: index on Indicator.jurisdiction (FalkorDB refuses duplicates; the store treats that as done)
CREATE INDEX FOR (n:Indicator) ON (n.jurisdiction)
