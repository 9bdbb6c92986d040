"""What the app reports out of a ceremony book: the MC's script of a ceremony, the list
attached to a decision, the counts for the news article. Reads through repos/; the
wording rules themselves are in domain/."""
