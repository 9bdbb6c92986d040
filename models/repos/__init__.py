"""Reading and writing records through the store: the only modules, with storage/, that
hold SQL. book: ceremonies, decisions, awardees, prizes; order_book: the award order;
print_book: templates, register numbers, the print log."""
