"""Papers that are not certificates but are printed with the same fonts: the list attached
to a decision (annex, A4 portrait) and the MC's script."""
