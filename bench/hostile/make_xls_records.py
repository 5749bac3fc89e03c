"""Rebuilds each minimised .xls panic reproducer of the fuzz campaign
(fuzz/README.md: the strict-mode census of calamine's .xls panic sites) as
a well-formed stream: the records the minimiser kept, with a BOF record
opening the globals and each sheet and an EOF closing them, so the file
reaches the record calamine trusts rather than failing on a missing BOF.

Also writes the three compound-file cases (calamine's own CFB reader
trusts the header's FAT list and an empty stream's start sector) and one
shared string in many cells (text budget): cfb-*.xls, shared-string-*.xls.

Usage: python3 make_xls_records.py CENSUS_DIR OUT_DIR
CENSUS_DIR holds xls-panic-NN.xls.txt (the records kept, as hex). Writes
OUT_DIR/xls-panic-NN.xls. Deterministic: same input, same bytes. Needs
xlwt for the shared-string file.
"""
import os
import re
import struct
import sys

NAMES = {"BoundSheet8": 0x0085, "EOF": 0x000A, "Formula": 0x0006, "LabelSst": 0x00FD,
         "SST": 0x00FC, "Lbl": 0x0018, "ExternSheet": 0x0017, "MergeCells": 0x00E5,
         "Format": 0x041E, "BOF": 0x0809}
BOF_GLOBALS = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
BOF_SHEET = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6)
EOF = struct.pack("<HH", 0x000A, 0)


def parse(path):
    """The globals' records and each sheet's, as (kind, data)."""
    parts, current = [], []
    for line in open(path):
        if line.startswith("  -- sheet"):
            parts.append(current)
            current = []
            continue
        m = re.match(r"  (\w+) \((\d+) bytes\):(.*)$", line.rstrip("\n"))
        if m:
            name, size, data = m.groups()
            kind = NAMES[name] if name in NAMES else int(name, 16)
            data = data.strip()
            # "(position of the sheet)": a BoundSheet8 to be pointed at the sheet.
            raw = bytes.fromhex(data) if re.fullmatch(r"[0-9a-f]*", data) else bytes(int(size))
            current.append((kind, raw))
    parts.append(current)
    return parts[0], parts[1:]


def stream(globals_, sheets):
    """BOF, the globals (BoundSheet8 positions set), EOF, then each sheet."""
    def body(recs, bof):
        recs = [r for r in recs if r[0] not in (0x0809, 0x000A)]
        return bof + b"".join(struct.pack("<HH", k, len(d)) + d for k, d in recs) + EOF
    head = body(globals_, BOF_GLOBALS)
    at, positions = len(head), []
    for sheet in sheets:
        positions.append(at)
        at += len(body(sheet, BOF_SHEET))
    out = bytearray(head)
    # BoundSheet8 records in order point at the sheets in order.
    offset, bound = len(BOF_GLOBALS), 0
    for kind, data in [r for r in globals_ if r[0] not in (0x0809, 0x000A)]:
        if kind == 0x0085 and len(data) >= 4 and bound < len(positions):
            struct.pack_into("<I", out, offset + 4, positions[bound])
            bound += 1
        offset += 4 + len(data)
    for sheet in sheets:
        out += body(sheet, BOF_SHEET)
    return bytes(out)


def cfb(stream):
    """A version-3 compound file holding one stream, Workbook (padded to
    4,096 bytes so it lives in regular sectors, not the mini stream)."""
    size = max(len(stream), 4096)
    data = stream + b"\0" * (size - len(stream))
    data += b"\0" * (-len(data) % 512)
    n = len(data) // 512
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    fat = [fatsect] + [i + 1 for i in range(1, n)] + [end] + [end]
    fat += [free] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, n + 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, free)

    def entry(name, kind, child, start, length):
        e = bytearray(128)
        raw = name.encode("utf-16-le") + b"\0\0"
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<II", e, 116, start, length)
        return bytes(e)

    directory = entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, 0xFFFFFFFF, 1, size)
    directory += b"\0" * (512 - len(directory))
    return bytes(header) + struct.pack("<128I", *fat) + data + directory


def containers(out):
    """calamine's CFB panics: each a minimal .xls with one field changed."""
    base = cfb(BOF_GLOBALS + EOF)
    sectors = (len(base) - 512) // 512
    # The header's DIFAT: FAT sector 0, a free entry, then a sector past the end.
    a = bytearray(base)
    struct.pack_into("<I", a, 76 + 8, sectors + 1)
    # The same, the file one byte longer, the entry naming that partial sector.
    b = bytearray(base) + b"\0"
    struct.pack_into("<I", b, 76 + 8, sectors)
    # The Workbook entry with size 0 and start sector 16 (past the mini stream).
    c = bytearray(base)
    struct.pack_into("<II", c, len(c) - 512 + 128 + 116, 16, 0)
    for name, data in [("cfb-fat-sector-past-end", a), ("cfb-fat-sector-partial", b),
                       ("cfb-empty-workbook-bogus-start", c)]:
        with open(os.path.join(out, name + ".xls"), "wb") as f:
            f.write(data)


def shared_string(out):
    """One 10,000-character CJK string (30 KB in UTF-8) in 100 cells under a
    Mentor ID header: 3 MB of cell text from a 20 KB file."""
    import xlwt
    book = xlwt.Workbook()
    sheet = book.add_sheet("S")
    sheet.write(0, 0, "Mentor ID")
    for row in range(1, 101):
        sheet.write(row, 0, "\u4e00" * 10_000)
    book.save(os.path.join(out, "shared-string-100-cells.xls"))


if __name__ == "__main__":
    census, out = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    containers(out)
    shared_string(out)
    for name in sorted(os.listdir(census)):
        m = re.match(r"xls-panic-(\d\d)\.xls\.txt$", name)
        if not m or int(m.group(1)) < 4:
            continue
        globals_, sheets = parse(os.path.join(census, name))
        # The minimiser's empty sheets stood for BoundSheet8 records it
        # dropped: each kept BoundSheet8 gets a sheet with records, the
        # last one any surplus.
        bounds = sum(1 for kind, data in globals_ if kind == 0x0085 and len(data) >= 4)
        sheets = [s for s in sheets if s] or [[]]
        if bounds and len(sheets) > bounds:
            sheets = sheets[:bounds - 1] + [sum(sheets[bounds - 1:], [])]
        with open(os.path.join(out, f"xls-panic-{m.group(1)}.xls"), "wb") as f:
            f.write(cfb(stream(globals_, sheets)))
