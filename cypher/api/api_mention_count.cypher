// name: api_mention_count
// mode: read
// params: none
// columns: mentions
// description: the number of MENTIONS relationships (a count the store keeps: no scan); part of the search
//   index's version
MATCH ()-[m:MENTIONS]->()
RETURN count(m) AS mentions
