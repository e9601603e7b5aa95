"""Exports of a plan in the layouts partnerships publish: Word (.docx), Excel (.xlsx), CSV.

`rows.plan_report` reads a plan once; `word`, `spreadsheet` write it out.
"""
