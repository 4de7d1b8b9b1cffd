// name: index_actor_id
// mode: schema
// params: none
// columns: none
// description: index on Actor.id, created only if missing
CREATE INDEX actor_id IF NOT EXISTS FOR (n:Actor) ON (n.id)
