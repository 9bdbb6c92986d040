"""What leaves the app as spreadsheets: the CSV of everything, the decision annex and the
blank list for wards, in Excel's own format."""
