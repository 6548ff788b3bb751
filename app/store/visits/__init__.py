"""Walk-in visits (and LP model A): the repository, the one way a new record becomes rows
(single save and bulk alike), bulk writes in other processes, reads, the list and its search."""
