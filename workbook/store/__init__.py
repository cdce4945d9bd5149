"""The log: one real database (a SQLite file, or PostgreSQL for a coaching practice) holding the
candidates, interviews, the people met, the thank-you notes and the outcomes.

- :mod:`~workbook.store.engine` — reaching the database: SQLite and PostgreSQL, one writer at a
  time, the database's failures as the workbook's errors;
- :mod:`~workbook.store.schema` and :mod:`~workbook.store.migrations` — the tables and their
  upgrades;
- :mod:`~workbook.store.kinds` — the five kinds of record, each described once;
- :mod:`~workbook.store.checks` — the rules every row passes before it is written;
- :mod:`~workbook.store.reading` — the tables as DataFrames;
- :mod:`~workbook.store.writing` — :class:`~workbook.store.writing.Write`, the one write
  transaction that the log's methods and every import use;
- :mod:`~workbook.store.log` — :class:`Log`, the façade a person uses;
- :mod:`~workbook.store.csv_files` and :mod:`~workbook.store.xlsx_file` — the log as files.
"""

from .log import Log, open_log

__all__ = ["Log", "open_log"]
