// name: index_actor_name
// mode: schema
// params: none
// columns: none
// description: index on Actor.name, created only if missing
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)
