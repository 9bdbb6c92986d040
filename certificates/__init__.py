"""Certificate rendering (reportlab). Filled in by the certificates issue; no Qt here."""
