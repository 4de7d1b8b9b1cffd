// name: delete_all
// mode: write
// params: none
// columns: deleted
// description: remove every node and relationship (db reset, tests)
MATCH (n)
DETACH DELETE n
RETURN count(*) AS deleted
