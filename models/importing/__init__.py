"""From a read sheet to records in the book: columns recognised, every row checked in a
plan, then landed whole or not at all."""
