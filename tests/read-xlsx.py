#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Kerjasama developers
#
# Reads a workbook with openpyxl, an independent reader, and prints what
# the report tests check as JSON: per sheet its name, cell values and
# types, print set-up, frozen panes, autofilter and column widths.
import json
import sys

import openpyxl


def sheet_info(ws):
    rows = []
    for row in ws.iter_rows():
        rows.append([[cell.value, cell.data_type,
                      bool(cell.alignment and cell.alignment.wrap_text)]
                     for cell in row])
    setup = ws.page_setup
    return {
        "name": ws.title,
        "rows": rows,
        "orientation": setup.orientation,
        "paper": str(setup.paperSize),
        "fit_to_page": bool(ws.sheet_properties.pageSetUpPr
                            and ws.sheet_properties.pageSetUpPr.fitToPage),
        "fit_width": setup.fitToWidth,
        "fit_height": setup.fitToHeight,
        "freeze": ws.freeze_panes,
        "print_rows": ws.print_title_rows,
        "autofilter": ws.auto_filter.ref,
        "footer": ws.oddFooter.center.text,
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        "heights": {str(k): v.height for k, v in ws.row_dimensions.items()
                    if v.height is not None},
        "charts": len(ws._charts),
    }


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    print(json.dumps({
        "title": wb.properties.title,
        "author": wb.properties.creator,
        "sheets": [sheet_info(ws) for ws in wb.worksheets],
    }, default=str))


main()
