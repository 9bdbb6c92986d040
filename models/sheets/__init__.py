"""Reading any list a ward sends (.xlsx, .xls, .ods, .csv, web pages, XML 2003) as sheets
of Unicode cell texts, legacy TCVN3/VNI text included. read.read_workbook is the door."""
