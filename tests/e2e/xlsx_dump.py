#!/usr/bin/env python3
"""Dumps every sheet of an XLSX file as JSON {"sheets": [{"name", "rows": [[cell, ...]]}]}.

Reads the workbook with the standard library only (zipfile + xml.etree), so the test checks what
a spreadsheet program would read: shared and inline strings, by cell reference. Missing cells in
a row come back as "", trailing empty cells are dropped.
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def column_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def text_of(node):
    return "".join(t.text or "" for t in node.iter("{%s}t" % NS["m"]))


def main(path):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = [text_of(si) for si in root.findall("m:si", NS)]
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    workbook = ET.fromstring(z.read("xl/workbook.xml"))
    sheets = []
    for sheet in workbook.find("m:sheets", NS):
        xml = ET.fromstring(z.read("xl/" + target[sheet.get(REL)]))
        rows = []
        for row in xml.iter("{%s}row" % NS["m"]):
            index = int(row.get("r")) - 1
            while len(rows) < index:
                rows.append([])
            cells = []
            for c in row.findall("m:c", NS):
                col = column_index(c.get("r"))
                while len(cells) < col:
                    cells.append("")
                kind = c.get("t")
                v = c.find("m:v", NS)
                if kind == "s":
                    cells.append(shared[int(v.text)])
                elif kind == "inlineStr":
                    cells.append(text_of(c))
                else:
                    cells.append(v.text if v is not None else "")
            while cells and cells[-1] == "":
                cells.pop()
            rows.append(cells)
        sheets.append({"name": sheet.get("name"), "rows": rows})
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
