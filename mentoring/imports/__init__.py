"""Spreadsheet imports: staff and bank files read, previewed and applied."""
