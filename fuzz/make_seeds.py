#!/usr/bin/env python3
"""Writes the small genuine seed workbooks of fuzz/corpus/xls and fuzz/corpus/ods
(and corpus/spreadsheet/small-stored.xlsx).

    python3 fuzz/make_seeds.py        (needs the pip package xlwt==1.3.0)

Deterministic (fixed zip timestamps). Besides these, corpus/xls/mentor-bank.xls
and corpus/ods/mentor-bank.ods are copies of bench/hostile/seed.xls and
seed.ods; corpus/ods/mentor-bank-stored.ods is seed.ods with its parts stored
instead of deflated. The .ods seeds store content.xml uncompressed, so the
fuzzer's mutations (and ods.dict's tokens) reach the XML; zip's CRC check only
fails at the part's end, after calamine has read its events.
"""

import datetime
import shutil
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
XLS = HERE / "corpus" / "xls"
ODS = HERE / "corpus" / "ods"
HOSTILE = HERE.parent / "bench" / "hostile"
ZIP_TIME = (2026, 9, 28, 0, 0, 0)


# ---------------------------------------------------------------- .xls

def xls_kinds(path):
    """Three sheets (one hidden): numbers with formats, dates and times,
    booleans, errors, formulas (numeric and text), merged cells."""
    import xlwt

    book = xlwt.Workbook()
    numbers = book.add_sheet("Numbers")
    pct = xlwt.easyxf(num_format_str="0.0%")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    numbers.write(0, 0, "ID")
    numbers.write(0, 1, "Mentee capacity")
    numbers.write(0, 2, "Score")
    numbers.write(0, 3, "Total")
    for r, (n, cap, score) in enumerate([(1, 2, 0.5), (2, -3, 0.125), (30000, 1, 1e10), (4, 0, -0.0001)], start=1):
        numbers.write(r, 0, n)
        numbers.write(r, 1, cap)
        numbers.write(r, 2, score, pct if r % 2 else money)
        numbers.write(r, 3, xlwt.Formula(f"A{r + 1}*B{r + 1}+C{r + 1}"))
    numbers.write(5, 0, "Total")
    numbers.write(5, 3, xlwt.Formula("SUM(D2:D5)"))
    numbers.write(6, 0, xlwt.Formula('CONCATENATE("M";"0001")'))

    dates = book.add_sheet("Dates")
    day = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    stamp = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    clock = xlwt.easyxf(num_format_str="HH:MM")
    hours = xlwt.easyxf(num_format_str="[h]:mm")
    for c, h in enumerate(["Student ID", "Date", "EndDate", "Length", "Duration"]):
        dates.write(0, c, h)
    rows = [
        ("S1", datetime.date(2026, 9, 1), datetime.datetime(2026, 9, 1, 13, 30, 5), datetime.time(1, 30), 1.75),
        ("S2", datetime.date(1900, 3, 1), datetime.datetime(2099, 12, 31, 23, 59, 59), datetime.time(0, 45), 30.5),
        ("S3", datetime.date(2024, 2, 29), datetime.datetime(1999, 1, 1, 0, 0, 0), datetime.time(23, 59, 59), 0),
    ]
    for r, row in enumerate(rows, start=1):
        dates.write(r, 0, row[0])
        dates.write(r, 1, row[1], day)
        dates.write(r, 2, row[2], stamp)
        dates.write(r, 3, row[3], clock)
        dates.write(r, 4, row[4], hours)

    mixed = book.add_sheet("Mixed")
    mixed.visibility = 1  # hidden
    mixed.write(0, 0, "Trained")
    mixed.write(0, 1, "Finished")
    mixed.write(0, 2, "Error")
    mixed.write(1, 0, True)
    mixed.write(1, 1, False)
    mixed.write(1, 2, xlwt.Formula("1/0"))
    mixed.write(2, 2, xlwt.Formula('NA()'))
    mixed.write_merge(3, 4, 0, 2, "merged across three columns and two rows")
    book.save(str(path))


def xls_strings(path):
    """Shared strings: repeats, non-Latin-1 text (16-bit strings), and one
    string longer than a record (the SST continues in CONTINUE records), in a
    Qualtrics layout (header, question text, ImportId rows)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Survey résumé")
    headers = ["StartDate", "EndDate", "Finished", "ExternalReference", "Q1_1", "Q1_2", "Comment"]
    questions = ["Start Date", "End Date", "Finished", "External Data Reference",
                 "How confident are you? - Applying", "How confident are you? - Interviews", "Anything else?"]
    imports = ['{"ImportId":"startDate"}', '{"ImportId":"endDate"}', '{"ImportId":"finished"}',
               '{"ImportId":"externalDataReference"}', '{"ImportId":"QID1_1"}', '{"ImportId":"QID1_2"}',
               '{"ImportId":"QID2_TEXT"}']
    for r, row in enumerate([headers, questions, imports]):
        for c, v in enumerate(row):
            sheet.write(r, c, v)
    answers = ["Agree", "Strongly agree", "Neutral", "Disagree"]
    comments = ["Ça va", "Zażółć gęślą jaźń", "日本語のテキスト", "Ελληνικά", "x" * 9000]
    for r in range(5):
        sheet.write(3 + r, 0, "2026-09-0%d 10:00:00" % (r + 1))
        sheet.write(3 + r, 1, "2026-09-0%d 10:12:00" % (r + 1))
        sheet.write(3 + r, 2, "True" if r % 2 == 0 else "False")
        sheet.write(3 + r, 3, "S%04d" % (r + 1))
        sheet.write(3 + r, 4, answers[r % 4])
        sheet.write(3 + r, 5, answers[(r + 1) % 4])
        sheet.write(3 + r, 6, comments[r])
    book.save(str(path))


def xls_dates1904(path):
    """The 1904 date system; title rows above the header, blank rows, a
    totals row and a footer note; two sheets."""
    import xlwt

    book = xlwt.Workbook()
    book.dates_1904 = True
    sheet = book.add_sheet("Meetings")
    day = xlwt.easyxf(num_format_str="D-MMM-YY")
    sheet.write(0, 0, "Mentoring meetings 2026")
    sheet.write(1, 0, "Exported 28/09/2026")
    for c, h in enumerate(["Student", "Mentor ID", "Date", "Length"]):
        sheet.write(3, c, h)
    for r in range(4):
        sheet.write(4 + r, 0, "S%d" % r)
        sheet.write(4 + r, 1, "M%04d" % (r % 2 + 1))
        sheet.write(4 + r, 2, datetime.date(2026, 10, 1 + r), day)
        sheet.write(4 + r, 3, 30 + 15 * r)
    sheet.write(9, 0, "Total")
    sheet.write(9, 3, xlwt.Formula("SUM(D5:D8)"))
    sheet.write(12, 0, "Figures are provisional until the end of term")
    other = book.add_sheet("Read me")
    other.write(0, 0, "This workbook lists meetings.")
    book.save(str(path))


# ---------------------------------------------------------------- .ods

ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

ODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2">
"""


def write_ods(path, body, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", date_time=ZIP_TIME), "application/vnd.oasis.opendocument.spreadsheet")
        for name, text in [("META-INF/manifest.xml", ODS_MANIFEST), ("content.xml", ODS_HEAD + body + "</office:document-content>\n")]:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = compression
            zf.writestr(info, text)


def ods_repeats(path):
    """Two visible tables and a hidden one: column and row repeats, covered
    cells under spanned ones, every value type, a formula, text:s and
    text:span, an annotation, named expressions, and LibreOffice's trailing
    empty repeated rows and columns."""
    body = """<office:automatic-styles>
<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>
<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="Mentor bank" table:style-name="ta1">
<table:table-column table:number-columns-repeated="4"/>
<table:table-header-rows>
<table:table-row><table:table-cell office:value-type="string"><text:p>Mentor ID</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Mentee capacity</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Trained</text:p></table:table-cell></table:table-row>
</table:table-header-rows>
<table:table-row><table:table-cell office:value-type="string"><text:p>M0001</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Deepa<text:s text:c="2"/><text:span>Jones</text:span></text:p><office:annotation><text:p>note</text:p></office:annotation></table:table-cell><table:table-cell office:value-type="float" office:value="2" table:formula="of:=[.C3]+1"><text:p>2</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>same</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell><table:table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="2" table:number-rows-spanned="2"><text:p>spanned</text:p></table:table-cell><table:covered-table-cell/><table:table-cell office:value-type="currency" office:currency="GBP" office:value="12.5"><text:p>£12.50</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-09-28T10:30:00"><text:p>28/09/2026 10:30</text:p></table:table-cell></table:table-row>
<table:table-row><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="time" office:time-value="PT01H30M00S"><text:p>01:30</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>line one</text:p><text:p>line two</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048566"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
<table:table table:name="Meetings">
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string"><text:p>Student ID</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Date</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="2300013"><text:p>2300013</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-10-01"><text:p>01/10/2026</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>Total meetings: 1</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="Hidden" table:style-name="ta2">
<table:table-row><table:table-cell office:value-type="float" office:value="-1.5E+300"><text:p>x</text:p></table:table-cell></table:table-row>
</table:table>
<table:named-expressions><table:named-range table:name="Bank" table:base-cell-address="$'Mentor bank'.$A$1" table:cell-range-address="$'Mentor bank'.$A$1:.$D$4"/><table:named-expression table:name="Two" table:base-cell-address="$'Mentor bank'.$A$1" table:expression="of:=2"/></table:named-expressions>
</office:spreadsheet></office:body>
"""
    write_ods(path, body)


def ods_qualtrics(path):
    """A Qualtrics export saved as .ods: header, question text and ImportId
    rows, then answers; string dates, entities and a float with exponent."""
    header = ["StartDate", "EndDate", "Finished", "ExternalReference", "Q1_1", "Completion time"]
    text = ["Start Date", "End Date", "Finished", "External Data Reference",
            "How confident are you? &amp; why &lt;1&gt;", "Completion time"]
    imports = ['{"ImportId":"startDate"}', '{"ImportId":"endDate"}', '{"ImportId":"finished"}',
               '{"ImportId":"externalDataReference"}', '{"ImportId":"QID1_1"}', '{"ImportId":"time"}']

    def srow(cells):
        return "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{c.replace(chr(34), "&quot;")}</text:p></table:table-cell>'
            for c in cells) + "</table:table-row>\n"

    rows = srow(header) + srow(text) + srow(imports)
    for n in range(1, 4):
        rows += ("<table:table-row>"
                 f'<table:table-cell office:value-type="string"><text:p>2026-09-0{n} 10:00:00</text:p></table:table-cell>'
                 f'<table:table-cell office:value-type="date" office:date-value="2026-09-0{n}T10:1{n}:00"><text:p>x</text:p></table:table-cell>'
                 f'<table:table-cell office:value-type="boolean" office:boolean-value="{"true" if n % 2 else "false"}"><text:p>x</text:p></table:table-cell>'
                 f'<table:table-cell office:value-type="float" office:value="{n}E+0"><text:p>{n}</text:p></table:table-cell>'
                 '<table:table-cell office:value-type="string"><text:p>Agree</text:p></table:table-cell>'
                 f'<table:table-cell office:value-type="time" office:time-value="PT0{n}H0{n}M30.5S"><text:p>x</text:p></table:table-cell>'
                 "</table:table-row>\n")
    body = f'<office:body><office:spreadsheet>\n<table:table table:name="Pre survey">\n{rows}</table:table>\n</office:spreadsheet></office:body>\n'
    write_ods(path, body)


# ---------------------------------------------------------------- .xlsx

XLSX_PARTS = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
    "xl/workbook.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/><sheets><sheet name="Mentor bank" sheetId="1" r:id="rId1"/><sheet name="Hidden" sheetId="2" state="hidden" r:id="rId2"/></sheets><definedNames><definedName name="Bank">'Mentor bank'!$A$1:$D$4</definedName></definedNames></workbook>""",
    "xl/_rels/workbook.xml.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""",
    "xl/styles.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""",
    "xl/sharedStrings.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="5"><si><t>Mentor ID</t></si><si><t>Name</t></si><si><t>Trained</t></si><si><t>Completion time</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Deepa </t></r><r><t>Jones</t></r></si></sst>""",
    "xl/worksheets/sheet1.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D4"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>M0001</t></is></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1"><v>46293</v></c><c r="D2" s="2"><v>0.0625</v></c></row><row r="3"><c r="A3" t="str"><f>"M"&amp;"0002"</f><v>M0002</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="d"><v>2026-09-28T10:30:00</v></c></row><row r="4"><c r="A4"><v>-1.5E+300</v></c><c r="D4"><f>SUM(D2:D3)</f><v>0.0625</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="B4:C4"/></mergeCells></worksheet>""",
    "xl/worksheets/sheet2.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="B2"><v>1</v></c></row></sheetData></worksheet>""",
}


def xlsx_small(path):
    """A hand-written two-sheet .xlsx, parts stored (not deflated): shared,
    inline and formula strings, rich text, a date and a duration style,
    bool, error, ISO date cell, a merged range, a hidden sheet."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in XLSX_PARTS.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), text)


def restore(src, dst):
    """`src`'s parts, in order, each stored uncompressed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            out = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zout.writestr(out, zin.read(info.filename))


def main():
    XLS.mkdir(parents=True, exist_ok=True)
    ODS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HOSTILE / "seed.xls", XLS / "mentor-bank.xls")
    xls_kinds(XLS / "kinds.xls")
    xls_strings(XLS / "strings.xls")
    xls_dates1904(XLS / "dates1904.xls")
    shutil.copyfile(HOSTILE / "seed.ods", ODS / "mentor-bank.ods")
    restore(HOSTILE / "seed.ods", ODS / "mentor-bank-stored.ods")
    ods_repeats(ODS / "repeats.ods")
    ods_qualtrics(ODS / "qualtrics.ods")
    xlsx_small(HERE / "corpus" / "spreadsheet" / "small-stored.xlsx")
    for folder in (XLS, ODS):
        for f in sorted(folder.iterdir()):
            size = f.stat().st_size
            assert size < 20_000, f"{f} is {size} bytes"
            print(f"{f.relative_to(HERE)}: {size} bytes")


if __name__ == "__main__":
    main()
