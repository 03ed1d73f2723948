#!/usr/bin/env python3
"""Reads a roster workbook with openpyxl (a real XLSX reader) and compares every cell of its
only sheet with the CSV export of the same roster. Exits 1 on any difference, 2 on bad usage.

    python3 .ci/check_xlsx.py roster.xlsx roster.csv
"""

import csv
import io
import sys


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    xlsx_path, csv_path = argv[1], argv[2]
    try:
        import openpyxl
    except ImportError:
        print("check_xlsx: openpyxl is not installed (python3 -m pip install openpyxl)", file=sys.stderr)
        return 2

    with open(csv_path, "rb") as f:
        raw = f.read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        return fail(f"{csv_path} does not start with the UTF-8 byte-order mark")
    expected = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    if len(expected) < 1:
        return fail(f"{csv_path} has no header row")

    # Any failure to read (not a zip, a missing part, broken XML) means a spreadsheet program
    # would refuse the file too.
    try:
        workbook = openpyxl.load_workbook(xlsx_path, read_only=True, data_only=True)
        sheets = len(workbook.worksheets)
        rows = workbook.worksheets[0].iter_rows(values_only=True) if sheets == 1 else []
        actual = [["" if v is None else str(v) for v in row] for row in rows]
        workbook.close()
    except Exception as e:  # noqa: BLE001 - every reader error is a failed check
        return fail(f"{xlsx_path} does not open as a workbook: {type(e).__name__}: {e}")
    if sheets != 1:
        return fail(f"{xlsx_path} has {sheets} sheets, expected 1")

    width = max((len(r) for r in expected + actual), default=0)
    pad = lambda rows: [r + [""] * (width - len(r)) for r in rows]
    expected, actual = pad(expected), pad(actual)
    problems = []
    if len(actual) != len(expected):
        problems.append(f"{len(actual)} rows in the workbook, {len(expected)} in the CSV")
    for r, (want_row, got_row) in enumerate(zip(expected, actual), start=1):
        for c, (want, got) in enumerate(zip(want_row, got_row), start=1):
            if want != got:
                problems.append(f"row {r}, column {c}: workbook has {got!r}, CSV has {want!r}")
    if problems:
        for p in problems[:20]:
            print(f"check_xlsx: {p}", file=sys.stderr)
        return fail(f"{len(problems)} difference(s) between {xlsx_path} and {csv_path}")
    print(f"check_xlsx: {xlsx_path} opens in openpyxl; {len(actual)} rows x {width} columns match {csv_path}")
    return 0


def fail(message):
    print(f"check_xlsx: FAILED: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
