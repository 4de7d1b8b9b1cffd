// name: index_actor_id
// mode: schema
// params: none
// columns: none
// description: index on Actor.id (FalkorDB refuses duplicates; the store treats that as done)
CREATE INDEX FOR (n:Actor) ON (n.id)
