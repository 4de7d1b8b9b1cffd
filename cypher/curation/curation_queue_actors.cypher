// name: curation_queue_actors
// mode: read
// params: none
// columns: id, name, type, region_source
// description: every actor with its name, type and how it was placed (the review queue's duplicate
//   candidates and actors of uncertain type)
// example: {}
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, a.type AS type, a.region_source AS region_source
ORDER BY id
