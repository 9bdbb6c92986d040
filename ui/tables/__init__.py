"""Qt item models: the tables and the award order tree the views show, read-only over domain records."""
