#!/usr/bin/env python3
"""Hostile inputs for mentor-evidence (issue "Hostile files and folders").

    python3 bench/hostile/make.py OUTDIR        write every reproducer into OUTDIR
    python3 bench/hostile/make.py --write-seeds  rewrite seed.xls (needs the pip
                                                 package xlwt) and seed.ods
    python3 bench/hostile/make.py --scan BIN OUT.tsv [OFFSETS]
        the single-byte scan of seed.xls that found XLS_MUTATIONS: every
        offset x 5 values, or every value at OFFSETS (0x4c,0x5d1,...);
        a few minutes on 2 cores

Standard library only for the reproducers (but xls_shared_string_amplified,
which needs xlwt, and is skipped without it): the two genuine seed workbooks
(seed.xls, seed.ods) are committed beside this script. Everything is
deterministic (fixed seeds, fixed zip timestamps), nothing is fetched.

Run-time cases (a FIFO, /dev/zero, a folder named cohort.csv, concurrent runs,
a symlinked temporary file) are set up by bench/hostile.sh, not here.

The big zip bombs are written through zipfile's streaming writer, so the
~925 MB of XML is never held in memory nor written uncompressed to disk.
"""

import os
import random
import struct
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED_XLS = HERE / "seed.xls"
SEED_ODS = HERE / "seed.ods"

# The sample cohort's header row (sample-data/cohort.xlsx, sheet "Year 2"):
# every column the sample evidence.toml maps, and the target group and
# comparison columns it reads.
COHORT_HEADERS = [
    "Student ID", "Forename", "Surname", "University email", "School",
    "POLAR4 quintile", "First generation", "Ethnicity group", "Year 1 average",
    "Commuter", "Year 1 work experience", "Signed up", "Training completed", "Quiz score (%)", "Mentor ID",
    "Matched on", "Meet & greet", "Celebration", "Withdrawn on",
    "Applied for placement", "Placement secured",
]
MENTOR_HEADERS = [
    "Mentor ID", "Name", "Organisation", "Sector", "Recruited via",
    "Mentee capacity", "Trained",
]
SCHOOLS = ["Business School", "Computing", "Engineering", "Law", "Life Sciences", "Psychology"]
FORENAMES = ["Deepa", "Samuel", "Amira", "Tom", "Chloe", "Kwame", "Ling", "Oliver", "Sofia", "Yusuf"]
SURNAMES = ["Jones", "Usman", "Smith", "Okafor", "Patel", "Nowak", "Evans", "Khan", "Brown", "Li"]
ZIP_TIME = (2026, 9, 28, 0, 0, 0)


def check_headers_against_sample_config():
    """The headers above must hold every cohort column the sample config names."""
    config = HERE.parent.parent / "sample-data" / "evidence.toml"
    if not config.exists():
        return
    import tomllib

    with open(config, "rb") as f:
        columns = tomllib.load(f)["inputs"]["cohort"]["columns"]
    missing = [h for h in columns.values() if h not in COHORT_HEADERS]
    if missing:
        sys.exit(f"make.py: sample-data/evidence.toml maps cohort columns not in COHORT_HEADERS: {missing}")


# --------------------------------------------------------------------------
# Small helpers: xml escaping, cohort rows, a minimal hand-written .xlsx
# --------------------------------------------------------------------------


def esc(text):
    return (
        str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def col_name(index):
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def cohort_row(rng, n):
    """A real-looking cohort row (all text, as a student record export has it)."""
    fore, sur = rng.choice(FORENAMES), rng.choice(SURNAMES)
    matched = rng.random() < 0.6
    return [
        f"0230{n:04d}", fore, sur, f"{fore.lower()}.{sur.lower()}{n}@student.example.ac.uk",
        rng.choice(SCHOOLS), str(rng.randint(1, 5)), rng.choice("YN"),
        rng.choice(["White", "Asian", "Black", "Mixed", "Other"]), f"{rng.uniform(40, 80):.1f}",
        rng.choice("YN"), rng.choice("YN"), "Yes" if matched else "", "TRUE" if matched else "",
        str(rng.randint(50, 100)) if matched else "", f"M{rng.randint(1, 40):04d}" if matched else "",
        "18/10/2026" if matched else "", "Yes" if matched else "", "x" if matched else "", "",
        rng.choice(["x", "", "N"]), "",
    ]


def zinfo(name):
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
{shared_override}</Types>
"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>
"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets>
</workbook>
"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
{shared_rel}</Relationships>
"""
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"


def inline_cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{esc(text)}</t></is></c>'


def inline_row(r, values):
    cells = "".join(inline_cell(f"{col_name(c)}{r}", v) for c, v in enumerate(values) if v != "")
    return f'<row r="{r}">{cells}</row>'


def write_xlsx(path, sheet_chunks, shared_chunks=None, sheet="Year 2"):
    """A minimal .xlsx (no styles, inline strings unless shared_chunks).
    sheet_chunks / shared_chunks: iterables of str, streamed into the zip."""
    shared = shared_chunks is not None
    with zipfile.ZipFile(path, "w", compresslevel=9) as zf:
        zf.writestr(zinfo("[Content_Types].xml"), CONTENT_TYPES.format(
            shared_override='<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\n' if shared else ""))
        zf.writestr(zinfo("_rels/.rels"), ROOT_RELS)
        zf.writestr(zinfo("xl/workbook.xml"), WORKBOOK.format(sheet=esc(sheet)))
        zf.writestr(zinfo("xl/_rels/workbook.xml.rels"), WORKBOOK_RELS.format(
            shared_rel='<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\n' if shared else ""))
        for name, chunks in [("xl/sharedStrings.xml", shared_chunks), ("xl/worksheets/sheet1.xml", sheet_chunks)]:
            if chunks is None:
                continue
            with zf.open(zinfo(name), "w", force_zip64=True) as out:
                buffer = []
                size = 0
                for chunk in chunks:
                    buffer.append(chunk if isinstance(chunk, bytes) else chunk.encode())
                    size += len(buffer[-1])
                    if size > 1 << 20:
                        out.write(b"".join(buffer))
                        buffer, size = [], 0
                out.write(b"".join(buffer))


def small_cohort_sheet(rows):
    """Sheet chunks: the cohort header row then `rows` (lists of text)."""
    yield SHEET_HEAD
    yield inline_row(1, COHORT_HEADERS)
    for i, values in enumerate(rows):
        yield inline_row(i + 2, values)
    yield SHEET_TAIL


# --------------------------------------------------------------------------
# 1. Damaged .xls: seed.xls with one byte changed
# --------------------------------------------------------------------------

# (offset, new byte value, kind, where): from a single-byte scan of seed.xls
# (every offset x 0x00/0x7f/0x80/0xff/+1: 23,158 runs; then all 255 values at
# 87 CFB header/directory and BIFF record header/size bytes: 22,185 runs) as
# the mentors input of `validate` with bin-before: `make.py --scan BIN`. kind: "panic" = exit 101 in calamine (file:line);
# "hang" = still running after 10 s, memory growing;
# "alloc" = a reservation of 0.6-1.2 TB from the sheet's DIMENSIONS record:
# abort 134 ("memory allocation of N bytes failed") under an address-space
# limit (ulimit -v, as bench/hostile.sh sets), exit 0 without one (mimalloc
# reserves it untouched).
XLS_MUTATIONS = [
    (0x0202, 0x00, "panic", "BOF record length -> xls.rs:772"),
    (0x029A, 0x00, "panic", "CODEPAGE record length -> utils.rs:48"),
    (0x02F8, 0x00, "panic", "DATEMODE record length -> utils.rs:48"),
    (0x05D1, 0x00, "panic", "BOUNDSHEET record length -> utils.rs:38"),
    (0x05D4, 0x7F, "panic", "BOUNDSHEET sheet stream position -> xls.rs:633"),
    (0x075D, 0x80, "panic", "SST string (flags/length) -> utils.rs:43"),
    (0x07DD, 0x00, "panic", "SST last string -> utils.rs:43"),
    (0x05D1, 0x04, "panic", "BOUNDSHEET record length -> xls.rs:804"),
    (0x05D1, 0x05, "panic", "BOUNDSHEET record length -> xls.rs:815"),
    (0x0030, 0x0B, "panic", "CFB header: first directory sector -> cfb.rs:320"),
    (0x14F9, 0x01, "panic", "CFB directory: Workbook stream size -> cfb.rs:344"),
    (0x004C, 0x06, "hang", "CFB header: first FAT sector -> loops, 2 GB after 10 s"),
    (0x004C, 0x07, "hang", "CFB header: first FAT sector -> loops, 4 GB after 10 s"),
    (0x0848, 0x7F, "alloc", "DIMENSIONS first row -> 1.2 TB reservation"),
    (0x084B, 0x7F, "alloc", "DIMENSIONS first row (high byte) -> 606 GB"),
    (0x084F, 0xFF, "alloc", "DIMENSIONS last row (high byte) -> 1.2 TB"),
]


def damaged_xls(out):
    """Reproduces the single-byte .xls scan: a 5.6 KB genuine .xls (seed.xls,
    the mentor bank) with one byte changed, each known to panic (exit 101),
    abort on a huge allocation (exit 134), use >1 GB or hang in bin-before."""
    seed = SEED_XLS.read_bytes()
    for offset, value, kind, where in XLS_MUTATIONS:
        data = bytearray(seed)
        data[offset] = value
        (out / f"damaged_xls_{kind}_{offset:04x}_{value:02x}.xls").write_bytes(bytes(data))


# --------------------------------------------------------------------------
# 2. .ods whose repeated cells expand to ~98M cells
# --------------------------------------------------------------------------

ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
ODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
"""
ODS_TAIL = "</office:spreadsheet></office:body></office:document-content>\n"


def ods_string_cell(text, repeat=1):
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{esc(text)}</text:p></table:table-cell>'


def ods_number_cell(value):
    return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'


def write_ods(path, tables):
    """A hand-written .ods: tables = [(name, content.xml rows text)]."""
    body = "".join(f'<table:table table:name="{esc(name)}">{rows}</table:table>\n' for name, rows in tables)
    with zipfile.ZipFile(path, "w") as zf:
        mimetype = zipfile.ZipInfo("mimetype", date_time=ZIP_TIME)  # stored, first
        zf.writestr(mimetype, "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(zinfo("META-INF/manifest.xml"), ODS_MANIFEST)
        zf.writestr(zinfo("content.xml"), ODS_HEAD + body + ODS_TAIL)


def ods_repeat_bomb(out):
    """~1 KB .ods: the cohort header row, then one row repeated 1,000,000
    times whose one text cell is repeated 98 columns: ~98M cells once the
    repeats are expanded."""
    header = "<table:table-row>" + "".join(ods_string_cell(h) for h in COHORT_HEADERS) + "</table:table-row>"
    bomb = (
        '<table:table-row table:number-rows-repeated="1000000">'
        + ods_string_cell("02300013", 98)
        + "</table:table-row>"
    )
    write_ods(out / "ods_repeat_bomb.ods", [("Year 2", header + bomb)])


# --------------------------------------------------------------------------
# 3-5. .xlsx bombs
# --------------------------------------------------------------------------

SHEET_BOMB_MB = 925  # of sheet XML


def bomb_row(values):
    """A row as some writers emit it: no r attributes, inline strings."""
    cells = "".join(
        f'<c t="inlineStr"><is><t>{esc(v)}</t></is></c>' if v != "" else "<c/>" for v in values
    )
    return f"<row>{cells}</row>"


def repeated(block, total):
    """Chunks of ~1 MB made of `block` (bytes) repeated, `total` bytes in all
    (a whole number of blocks)."""
    chunk = block * max(1, (1 << 20) // len(block))
    written = 0
    while written + len(chunk) <= total:
        yield chunk
        written += len(chunk)
    while written + len(block) <= total:
        yield block
        written += len(block)


def sheet_bomb_chunks(megabytes=SHEET_BOMB_MB):
    """The real cohort header row, then ~`megabytes` MB of real-looking rows
    (a cycle of 4 distinct rows)."""
    rng = random.Random(3)
    cycle = "".join(bomb_row(cohort_row(rng, n)) for n in range(4)).encode()
    yield SHEET_HEAD
    yield inline_row(1, COHORT_HEADERS)
    yield from repeated(cycle, megabytes * 1_000_000)
    yield SHEET_TAIL


def xlsx_sheet_bomb(out):
    """~5 MB .xlsx whose sheet XML expands to ~925 MB: 1.3 million rows of
    real-looking cohort cells under the real cohort headers. Under the
    default limits.max_workbook_mb (2048), so the declared-size check passes."""
    write_xlsx(out / "xlsx_sheet_bomb.xlsx", sheet_bomb_chunks())


def strings_bomb_chunks(count=60_000_000):
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    yield f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">'
    words = ["Yes", "No", "TRUE", "x", "N", "Y"]
    block = "".join(f"<si><t>{w}</t></si>" for w in words * 100).encode()  # 600 strings
    yield from repeated(block, len(block) * (count // 600))
    yield "</sst>"


def xlsx_strings_bomb(out):
    """~3 MB .xlsx whose sharedStrings.xml holds 60M shared strings (~1 GB
    of XML, under the 2048 MB default limit) and whose sheet is the cohort
    header row plus a few rows that use them."""
    rng = random.Random(4)
    sheet = [SHEET_HEAD, '<row r="1">']
    # Header cells as inline strings, data as shared string indices.
    sheet += [inline_cell(f"{col_name(c)}1", h) for c, h in enumerate(COHORT_HEADERS)]
    sheet.append("</row>")
    for r in range(2, 12):
        sheet.append(f'<row r="{r}">' + "".join(
            f'<c r="{col_name(c)}{r}" t="s"><v>{rng.randrange(60_000_000)}</v></c>' for c in range(len(COHORT_HEADERS))
        ) + "</row>")
    sheet.append(SHEET_TAIL)
    write_xlsx(out / "xlsx_strings_bomb.xlsx", sheet, shared_chunks=strings_bomb_chunks())


def patch_declared_sizes(path, member, declared):
    """Rewrites the uncompressed size `member` declares, in its central
    directory entry and its local header (and their zip64 extra fields), to
    `declared`; the data and CRC are left as they were."""
    with open(path, "r+b") as f:
        data = f.read()
        eocd = data.rfind(b"PK\x05\x06")
        cd_size, cd_offset = struct.unpack_from("<II", data, eocd + 12)
        pos = cd_offset
        while pos < cd_offset + cd_size:
            assert data[pos:pos + 4] == b"PK\x01\x02"
            name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
            name = data[pos + 46:pos + 46 + name_len].decode()
            local = struct.unpack_from("<I", data, pos + 42)[0]
            if name == member:
                patch_entry(f, data, pos + 24, pos + 46 + name_len, extra_len, declared)
                lname, lextra = struct.unpack_from("<HH", data, local + 26)
                patch_entry(f, data, local + 22, local + 30 + lname, lextra, declared)
            pos += 46 + name_len + extra_len + comment_len


def patch_entry(f, data, size_field, extra_start, extra_len, declared):
    """Sets the 4-byte uncompressed size at size_field, or (when it says
    0xFFFFFFFF) the zip64 extra field's uncompressed size."""
    if struct.unpack_from("<I", data, size_field)[0] == 0xFFFFFFFF:
        pos = extra_start
        while pos < extra_start + extra_len:
            tag, length = struct.unpack_from("<HH", data, pos)
            if tag == 0x0001:  # zip64: uncompressed size comes first
                f.seek(pos + 4)
                f.write(struct.pack("<Q", declared))
                return
            pos += 4 + length
        raise ValueError("no zip64 extra field")
    f.seek(size_field)
    f.write(struct.pack("<I", declared))


def xlsx_lying_sizes(out):
    """The sheet bomb with its sheet's declared uncompressed size patched to
    1,000 bytes (central directory and local header): does a size check that
    trusts declared sizes stop it?"""
    path = out / "xlsx_lying_sizes.xlsx"
    bomb = out / "xlsx_sheet_bomb.xlsx"
    if bomb.exists():
        path.write_bytes(bomb.read_bytes())
    else:
        write_xlsx(path, sheet_bomb_chunks())
    patch_declared_sizes(path, "xl/worksheets/sheet1.xml", 1000)


# --------------------------------------------------------------------------
# 9. init: a cell that tries to add a TOML table
# --------------------------------------------------------------------------

INJECTION = "Yes\n[limits]\nmax_workbook_mb = 1e12\n#"


def init_config_injection(out):
    """A cohort .xlsx for `init` where 2 of 40 rows hold
    "Yes\\n[limits]\\nmax_workbook_mb = 1e12\\n#" in the flag columns ("Signed
    up"; "Training completed" with \\r), the department (quoted in a comment)
    and the target group columns (listed in `in = [...]`), and one header is
    named with a newline and a table: does the written evidence.toml gain a
    live [limits] table? (More injected rows and init no longer recognises
    the cohort.)"""
    rng = random.Random(9)
    at = {h: COHORT_HEADERS.index(h) for h in ["Signed up", "Training completed", "School", "First generation", "Ethnicity group"]}
    rows = []
    for n in range(40):
        row = cohort_row(rng, n)
        if n % 20 == 0:
            for header, c in at.items():
                first = "Yes" if header in ("Signed up", "Training completed") else row[c]
                row[c] = INJECTION.replace("Yes", first, 1)
            row[at["Training completed"]] = row[at["Training completed"]].replace("\n", "\r")
        rows.append(row)
    headers = COHORT_HEADERS[:-1] + ["Placement secured\n[limits]\nmax_record_mb = 1e12\n#"]

    def chunks():
        yield SHEET_HEAD
        yield inline_row(1, headers)
        for i, values in enumerate(rows):
            yield inline_row(i + 2, values)
        yield SHEET_TAIL

    write_xlsx(out / "init_config_injection.xlsx", chunks())


# --------------------------------------------------------------------------
# 11-13. Small cohort files
# --------------------------------------------------------------------------


def csv_line(values):
    out = []
    for v in values:
        if any(ch in v for ch in ',"\n\r'):
            v = '"' + v.replace('"', '""') + '"'
        out.append(v)
    return ",".join(out) + "\r\n"


def escape_in_header(out):
    """CSV cohort whose "Student ID" header carries terminal escapes (colour,
    window title, a cursor move): the missing-column error quotes it raw."""
    rng = random.Random(11)
    headers = list(COHORT_HEADERS)
    headers[0] = "\x1b[31mStudent ID\x1b]0;pwned\x07\x1b[2J\x1b[H"
    text = csv_line(headers) + "".join(csv_line(cohort_row(rng, n)) for n in range(20))
    (out / "escape_in_header.csv").write_text(text, encoding="utf-8", newline="")


def formula_without_value(out):
    """xlsx cohort whose "Signed up" cells are formulas with no cached value
    (<f>IF(1,"Yes","No")</f>, no <v>), as a generator that does not compute
    formulas writes them: read today as empty, exit 0."""
    rng = random.Random(12)
    signed = COHORT_HEADERS.index("Signed up")

    def chunks():
        yield SHEET_HEAD
        yield inline_row(1, COHORT_HEADERS)
        for n in range(40):
            r = n + 2
            values = cohort_row(rng, n)
            values[signed] = ""
            row = inline_row(r, values)[:-len("</row>")]
            # Cells must stay in column order: put the formula cell in place.
            ref = f"{col_name(signed)}{r}"
            formula = f'<c r="{ref}"><f>IF(1,"Yes","No")</f></c>'
            after = f'<c r="{col_name(signed + 1)}{r}"'
            if after in row:
                row = row.replace(after, formula + after, 1)
            else:
                row += formula
            yield row + "</row>"
        yield SHEET_TAIL

    write_xlsx(out / "formula_without_value.xlsx", chunks())


def nul_in_csv(out):
    """UTF-8 CSV cohort with one NUL byte inside a cell (the docs say a file
    with a NUL byte is refused as not text)."""
    rng = random.Random(13)
    rows = [cohort_row(rng, n) for n in range(20)]
    rows[7][2] = "Ok\x00afor"
    text = csv_line(COHORT_HEADERS) + "".join(csv_line(r) for r in rows)
    (out / "nul_in_csv.csv").write_bytes(text.encode("utf-8"))


# --------------------------------------------------------------------------
# Seeds (committed): seed.xls needs xlwt; seed.ods is hand-written
# --------------------------------------------------------------------------


def mentor_rows():
    rng = random.Random(1)
    orgs = ["Vantage Analytics", "Kestrel Consulting", "Northgate Law", "Harbour Health", "Civic Works"]
    sectors = ["Engineering", "Finance", "Law", "Health", "Technology", "Public sector"]
    via = ["Academic contact", "Business development network", "Alumni office"]
    rows = []
    for n in range(1, 11):
        rows.append([
            f"M{n:04d}", f"{rng.choice(FORENAMES)} {rng.choice(SURNAMES)}", rng.choice(orgs),
            rng.choice(sectors), rng.choice(via), rng.randint(1, 3), (2026, 9, rng.randint(1, 27)),
        ])
    return rows


def write_seed_xls():
    """seed.xls: the mentor bank (10 mentors) as a genuine BIFF8 .xls."""
    try:
        import xlwt
    except ImportError:
        sys.exit("make.py --write-seeds: needs the pip package xlwt (pip install xlwt==1.3.0)")
    import datetime

    book = xlwt.Workbook()
    sheet = book.add_sheet("Mentor bank")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for c, h in enumerate(MENTOR_HEADERS):
        sheet.write(0, c, h)
    for r, row in enumerate(mentor_rows(), start=1):
        for c, v in enumerate(row):
            if isinstance(v, tuple):
                sheet.write(r, c, datetime.date(*v), date_style)
            else:
                sheet.write(r, c, v)
    book.save(str(SEED_XLS))


def write_seed_ods():
    """seed.ods: the same mentor bank, hand-written OpenDocument."""
    rows = "<table:table-row>" + "".join(ods_string_cell(h) for h in MENTOR_HEADERS) + "</table:table-row>"
    for row in mentor_rows():
        cells = []
        for v in row:
            if isinstance(v, tuple):
                iso = "%04d-%02d-%02d" % v
                cells.append(f'<table:table-cell office:value-type="date" office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>')
            elif isinstance(v, int):
                cells.append(ods_number_cell(v))
            else:
                cells.append(ods_string_cell(v))
        rows += "<table:table-row>" + "".join(cells) + "</table:table-row>"
    write_ods(SEED_ODS, [("Mentor bank", rows)])


# --------------------------------------------------------------------------
# The single-byte scan that found XLS_MUTATIONS (make.py --scan BIN ...)
# --------------------------------------------------------------------------

SCAN_CONFIG = """[programme]
name = "Scan"
institution = "Example University"
period = "2026/27"
start = 2026-09-28
as_of = 2027-04-30

[inputs.cohort]
path = "cohort.csv"
[inputs.cohort.columns]
student_id = "Student ID"
registered = "Signed up"
mentor_id = "Mentor ID"

[inputs.mentors]
path = "mentors.xls"
[inputs.mentors.columns]
mentor_id = "Mentor ID"
organisation = "Organisation"
sector = "Sector"
source = "Recruited via"
capacity = "Mentee capacity"
trained = "Trained"
"""


def scan_one(job):
    """Runs `validate` on seed.xls with byte `offset` set to `value`, in a
    per-worker folder, under RLIMIT_AS 8 GB and a 10 s timeout."""
    import resource
    import subprocess
    import time

    binary, root, offset, value = job
    work = Path(root) / f"w{os.getpid()}"
    if not work.exists():
        work.mkdir()
        (work / "evidence.toml").write_text(SCAN_CONFIG)
        rng = random.Random(5)
        rows = [cohort_row(rng, n) for n in range(20)]
        (work / "cohort.csv").write_text(csv_line(COHORT_HEADERS) + "".join(csv_line(r) for r in rows))
    data = bytearray(SEED_XLS.read_bytes())
    data[offset] = value
    (work / "mentors.xls").write_bytes(bytes(data))

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    start = time.time()
    with open(work / "stderr", "wb") as err:
        p = subprocess.Popen([binary, "validate", "-c", str(work / "evidence.toml")],
                             stdout=subprocess.DEVNULL, stderr=err, preexec_fn=limits)
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                code = 128 - code if code < 0 else code  # -6 -> 134, as a shell says
                break
            if time.time() - start > 10:
                p.kill()
                _, _, usage = os.wait4(p.pid, 0)
                code = "timeout"
                break
            time.sleep(0.005)
    lines = (work / "stderr").read_text("utf-8", "replace").splitlines()
    first = next((l for l in lines if "panicked" in l or "memory allocation" in l), lines[0] if lines else "")
    return offset, value, code, time.time() - start, usage.ru_maxrss // 1024, first[:200]


def scan(binary, out_tsv, offsets=None):
    """Single-byte scan of seed.xls, 2 processes: every offset (or `offsets`)
    x 0x00/0x7f/0x80/0xff/+1 (or, with offsets, every value). Writes
    offset, value, exit code, seconds, max RSS MB, first stderr line."""
    import multiprocessing
    import tempfile

    seed = SEED_XLS.read_bytes()
    if offsets is None:
        jobs = [(o, v) for o in range(len(seed))
                for v in sorted({0x00, 0x7F, 0x80, 0xFF, (seed[o] + 1) & 0xFF} - {seed[o]})]
    else:
        jobs = [(o, v) for o in offsets for v in range(256) if v != seed[o]]
    counts = {}
    with tempfile.TemporaryDirectory() as root, multiprocessing.Pool(2) as pool, open(out_tsv, "w") as out:
        jobs = [(os.path.abspath(binary), root, o, v) for o, v in jobs]
        for row in pool.imap_unordered(scan_one, jobs, chunksize=16):
            out.write("\t".join(map(str, row)) + "\n")
            counts[row[2]] = counts.get(row[2], 0) + 1
    print(f"{len(jobs)} runs; exit codes: {dict(sorted(counts.items(), key=str))}")


def xlsx_shared_string_amplified(out):
    """7.9 KB-class .xlsx: one 900,000-character shared string (the part
    stays under the 1 MB below which the inflate ratio is not checked) in
    the Student ID column of 1,000 rows: 900 MB of cell text, each cell its
    own copy."""
    shared = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1001" uniqueCount="1">',
              "<si><t>" + "x" * 900_000 + "</t></si></sst>"]
    sheet = [SHEET_HEAD, inline_row(1, COHORT_HEADERS)]
    sheet += [f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(2, 1002)]
    sheet.append(SHEET_TAIL)
    write_xlsx(out / "xlsx_shared_string_amplified.xlsx", sheet, shared_chunks=shared)


def xls_shared_string_amplified(out):
    """~400 KB .xls (xlwt; skipped when xlwt is not installed): one 32,767-character CJK shared string (98 KB
    in UTF-8; the longest a BIFF8 string holds) in 10,000 cells of the
    Student ID column: 980 MB of cell text, each cell calamine's own copy."""
    try:
        import xlwt
    except ImportError:
        print("xls_shared_string_amplified: skipped (pip install xlwt)")
        return
    book = xlwt.Workbook()
    sheet = book.add_sheet("Year 2")
    for c, header in enumerate(COHORT_HEADERS):
        sheet.write(0, c, header)
    for r in range(1, 10_001):
        sheet.write(r, 0, "\u4e00" * 32_767)
    book.save(str(out / "xls_shared_string_amplified.xls"))


REPRODUCERS = [
    damaged_xls,
    ods_repeat_bomb,
    xlsx_sheet_bomb,
    xlsx_strings_bomb,
    xlsx_lying_sizes,
    init_config_injection,
    escape_in_header,
    formula_without_value,
    nul_in_csv,
    xlsx_shared_string_amplified,
    xls_shared_string_amplified,
]


def main(argv):
    if len(argv) in (4, 5) and argv[1] == "--scan":
        offsets = [int(o, 0) for o in argv[4].split(",")] if len(argv) == 5 else None
        scan(argv[2], argv[3], offsets)
        return
    if argv[1:] == ["--write-seeds"]:
        write_seed_xls()
        write_seed_ods()
        print(f"wrote {SEED_XLS} ({SEED_XLS.stat().st_size} bytes), {SEED_ODS} ({SEED_ODS.stat().st_size} bytes)")
        return
    if len(argv) != 2 or argv[1].startswith("-"):
        sys.exit(__doc__)
    check_headers_against_sample_config()
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    only = os.environ.get("ONLY")  # e.g. ONLY=xlsx_sheet_bomb
    for make in REPRODUCERS:
        if only and make.__name__ not in only.split(","):
            continue
        make(out)
    # The seeds themselves, for comparison runs.
    (out / "seed.xls").write_bytes(SEED_XLS.read_bytes())
    (out / "seed.ods").write_bytes(SEED_ODS.read_bytes())


if __name__ == "__main__":
    main(sys.argv)
