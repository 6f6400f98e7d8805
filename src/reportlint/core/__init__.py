"""The values every layer shares, and pure helpers over them.

Documents, the report model, findings and diagnostics, limits and read errors, numerals, text
normalisation, the rule catalogue and the report formats as data. Nothing here imports any other
part of reportlint: readers, parsing, checks, formatters and the host all build on it.
"""
