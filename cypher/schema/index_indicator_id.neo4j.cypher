// name: index_indicator_id
// mode: schema
// params: none
// columns: none
// description: index on Indicator.id, created only if missing
CREATE INDEX indicator_id IF NOT EXISTS FOR (n:Indicator) ON (n.id)
