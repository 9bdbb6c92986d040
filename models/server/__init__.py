"""A book on a PostgreSQL server: its administration (people, rights) from the command line."""
