// name: index_indicator_id
// mode: schema
// params: none
// columns: none
// description: index on Indicator.id (FalkorDB refuses duplicates; the store treats that as done)
CREATE INDEX FOR (n:Indicator) ON (n.id)
