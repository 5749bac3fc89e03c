//! The shapes calamine's .xls reader trusts without checking: fields it
//! reads from a record, or a formula token's operands, past the record's
//! end panic there. Each check here refuses such a record before calamine
//! sees the file, so a damaged .xls is an error naming what is wrong, and
//! the reader's `catch_unwind` stays the last line, not the only one.
//! Record layouts are MS-XLS's (2.4 records, 2.5.198 formula tokens); a
//! genuine file always passes, since its fields fit its records.

/// A record calamine would read past its end, said in a few words.
pub type Damage = String;

/// The compound file's header: calamine loads every FAT sector the
/// header's 109-entry DIFAT lists, unused entries included when a used one
/// follows them, and indexes the file with each without a bound check.
pub fn check_container(bytes: &[u8]) -> Result<(), Damage> {
    let shift = u16_at(bytes, 30);
    let sector = match shift {
        9 | 12 => 1u64 << shift,
        _ => return Ok(()), // left to the cfb crate, which refuses it
    };
    let length = bytes.len() as u64;
    for entry in 0..109 {
        let Some(fat) = u32_at(bytes, 76 + 4 * entry) else {
            return Ok(());
        };
        // FREESECT; ENDOFCHAIN and the other markers are never listed.
        if fat == u32::MAX {
            continue;
        }
        let end = (u64::from(fat) + 1) * sector + 512;
        if end > length {
            return Err(format!(
                "its header lists FAT sector {fat}, which ends at byte {end}, past the file's {length} bytes"
            ));
        }
    }
    Ok(())
}

/// Workbook-globals records whose fixed fields calamine reads unchecked,
/// with the bytes those fields take.
const MIN_LENGTHS: [(u16, &str, usize); 6] = [
    (BOF, "BOF", 2),
    (0x0042, "CodePage", 2),
    (0x0022, "DateMode", 2),
    (0x002F, "FilePass", 2),
    (0x0085, "BoundSheet8", 8),
    (0x0017, "ExternSheet", 2),
];

pub const BOF: u16 = 0x0809;
pub const SST: u16 = 0x00FC;
pub const CONTINUE: u16 = 0x003C;
const LBL: u16 = 0x0018;
const MERGE_CELLS: u16 = 0x00E5;
const FORMULA: u16 = 0x0006;

/// One record of the workbook globals (`pre_biff8` as for sheet records).
pub fn check_global(kind: u16, data: &[u8], pre_biff8: bool) -> Result<(), Damage> {
    if let Some((_, name, needed)) = MIN_LENGTHS.iter().find(|(k, _, _)| *k == kind)
        && data.len() < *needed
    {
        return Err(format!(
            "its {name} record holds {} bytes, fewer than the {needed} its fields take",
            data.len()
        ));
    }
    if kind == LBL {
        // Lbl: the name's text from byte 14; its formula the last cce bytes.
        let cce = usize::from(u16_at(data, 4));
        if data.len() < 14 || cce > data.len() {
            return Err(format!(
                "its Lbl (defined name) record holds {} bytes, too few for its fields and its {cce}-byte formula",
                data.len()
            ));
        }
        // A name's first token, a 3-D reference or area, is read whole.
        let rgce = &data[data.len() - cce..];
        let needed = match rgce.first() {
            Some(0x3A | 0x5A | 0x7A) if pre_biff8 => 18,
            Some(0x3A | 0x5A | 0x7A) => 7,
            Some(0x3B | 0x5B | 0x7B) if pre_biff8 => 21,
            Some(0x3B | 0x5B | 0x7B) => 11,
            _ => 0,
        };
        if rgce.len() < needed {
            return Err(format!(
                "its Lbl (defined name) record's formula holds {} bytes, fewer than the {needed} its reference takes",
                rgce.len()
            ));
        }
    }
    Ok(())
}

/// One record of a sheet's substream (`pre_biff8`: an Excel 95 or older
/// file, whose cell references are shorter).
pub fn check_sheet_record(kind: u16, data: &[u8], pre_biff8: bool) -> Result<(), Damage> {
    match kind {
        MERGE_CELLS => {
            let count = usize::from(u16_at(data, 0));
            if data.len() < 2 {
                return Err(format!(
                    "a MergeCells record holds {} bytes, fewer than the 2 of its count",
                    data.len()
                ));
            }
            if data.len() < 2 + 8 * count {
                return Err(format!(
                    "a MergeCells record lists {count} ranges in {} bytes",
                    data.len()
                ));
            }
        }
        // Shorter than 20 bytes calamine refuses by itself.
        FORMULA if data.len() >= 20 => {
            let cce = usize::from(u16_at(data, 20));
            let rgce = data
                .get(22..22 + cce)
                .filter(|_| data.len() >= 22)
                .ok_or_else(|| {
                    format!(
                        "a Formula record holds {} bytes, too few for its {cce}-byte formula",
                        data.len()
                    )
                })?;
            check_formula(rgce, pre_biff8)?;
        }
        _ => {}
    }
    Ok(())
}

/// Walks a formula's tokens as calamine does, by each token's operand
/// size, and refuses one whose operands run past the formula's end. A token
/// calamine does not know, or refuses itself, ends the walk.
fn check_formula(mut rgce: &[u8], pre_biff8: bool) -> Result<(), Damage> {
    while let Some((&ptg, rest)) = rgce.split_first() {
        let Some(size) = operand_size(ptg, rest, pre_biff8) else {
            return Ok(());
        };
        rgce = rest.get(size..).ok_or_else(|| {
            format!(
                "a formula token 0x{ptg:02X} takes {size} bytes of operands, but {} remain",
                rest.len()
            )
        })?;
    }
    Ok(())
}

/// The bytes after token `ptg` that calamine reads; None where calamine
/// stops (an unknown token, or one it checks and refuses itself).
fn operand_size(ptg: u8, rest: &[u8], pre_biff8: bool) -> Option<usize> {
    let short = |biff8: usize, older: usize| if pre_biff8 { older } else { biff8 };
    Some(match ptg {
        0x01 if rest.len() >= 4 => 4,
        0x03..=0x16 => 0,
        // PtgStr: a count, a flags byte (BIFF8), the characters; calamine
        // refuses one cut short itself.
        0x17 => {
            let count = usize::from(*rest.first()?);
            let size = match (pre_biff8, rest.get(1)) {
                (true, _) => 1 + count,
                (false, Some(flags)) if flags & 0x1 != 0 => 2 + 2 * count,
                (false, Some(_)) => 2 + count,
                (false, None) => return None,
            };
            if size > rest.len() {
                return None;
            }
            size
        }
        0x18 => 5,
        0x19 => match (rest.first(), rest.get(1..3)) {
            (Some(0x01 | 0x02 | 0x08 | 0x10 | 0x20 | 0x21 | 0x40 | 0x41), _) => 3,
            // PtgAttrChoose: a count, then count + 1 two-byte offsets.
            (Some(0x04), Some(&[a, b])) => 3 + 2 * (usize::from(u16::from_le_bytes([a, b])) + 1),
            (Some(0x04), _) => 3,
            (None, _) => 1,
            _ => return None,
        },
        0x1C | 0x1D => 1,
        0x1E => 2,
        0x1F => 8,
        0x20 | 0x40 | 0x60 => 7,
        0x21 | 0x41 | 0x61 => 2,
        0x22 | 0x42 | 0x62 => 3,
        0x23 | 0x43 | 0x63 => 4,
        0x24 | 0x44 | 0x64 | 0x2A | 0x4A | 0x6A => short(4, 3),
        0x25 | 0x45 | 0x65 | 0x2B | 0x4B | 0x6B => short(8, 6),
        0x39 | 0x59 | 0x3A | 0x5A | 0x7A | 0x3C | 0x5C | 0x7C => 6,
        0x3B | 0x5B | 0x7B | 0x3D | 0x5D | 0x7D => 10,
        _ => return None,
    })
}

/// Whether the globals' BOF (its version field) marks an Excel 95 or older
/// file, as calamine decides it.
pub fn is_pre_biff8(bof: &[u8]) -> bool {
    match u16_at(bof, 0) {
        0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => true,
        0 => u16_at(bof, 2) == 0x1000,
        _ => false,
    }
}

/// The UTF-8 bytes of each string of the shared-strings table (`sst`, the
/// SST record's data, then its Continue records' data), walked as calamine
/// reads it: a string's header (character count, flags, run count, extra
/// bytes), its characters (a Continue record restarts them with a new flags
/// byte), then its formatting runs and extra bytes.
pub fn shared_string_sizes(sst: &[&[u8]], max_strings: u64) -> Result<Vec<u64>, Damage> {
    let cut = |what: &str| format!("its shared-strings table ends inside a string's {what}");
    let mut parts = sst.iter().copied();
    let mut data = parts.next().unwrap_or_default();
    data = data.get(8..).ok_or_else(|| cut("header"))?;
    let mut sizes = Vec::new();
    loop {
        if data.is_empty() {
            match parts.next() {
                Some(next) => data = next,
                None => return Ok(sizes),
            }
            // calamine reads an empty string where a Continue record is empty.
            if data.is_empty() {
                sizes.push(0);
                continue;
            }
        }
        if sizes.len() as u64 >= max_strings {
            return Err(format!(
                "its shared-strings table holds more than {max_strings} strings"
            ));
        }
        let count = usize::from(u16_at(data, 0));
        let flags = *data.get(2).ok_or_else(|| cut("header"))?;
        data = &data[3..];
        let mut runs = 0;
        if flags & 0x8 != 0 {
            runs = 4 * usize::from(u16_at(data, 0));
            data = data.get(2..).ok_or_else(|| cut("header"))?;
        }
        let mut extra = 0;
        if flags & 0x4 != 0 {
            extra = u32_at(data, 0).ok_or_else(|| cut("header"))? as i32 as usize;
            data = &data[4..];
        }
        let mut size = 0u64;
        let (mut left, mut wide) = (count, flags & 0x1 != 0);
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let taken = left.min(data.len() / width);
            size += utf8_size(&data[..taken * width], wide);
            data = &data[taken * width..];
            left -= taken;
            if left > 0 {
                data = parts.next().ok_or_else(|| cut("characters"))?;
                let (&flags, rest) = data.split_first().ok_or_else(|| cut("characters"))?;
                wide = flags & 0x1 != 0;
                data = rest;
            }
        }
        sizes.push(size);
        // Formatting runs and extra bytes, over Continue records if need be.
        let mut skip = runs.saturating_add(extra);
        while skip > 0 {
            if data.is_empty() {
                data = parts.next().ok_or_else(|| cut("formatting"))?;
            }
            let step = skip.min(data.len());
            data = &data[step..];
            skip -= step;
        }
    }
}

/// UTF-8 bytes of characters stored one byte each (a code page) or as
/// UTF-16 units, at most three per character either way.
fn utf8_size(bytes: &[u8], wide: bool) -> u64 {
    if wide {
        bytes
            .chunks_exact(2)
            .map(|unit| match u16::from_le_bytes([unit[0], unit[1]]) {
                0..0x80 => 1,
                0x80..0x800 => 2,
                _ => 3,
            })
            .sum()
    } else {
        bytes.iter().map(|&b| if b < 0x80 { 1 } else { 3 }).sum()
    }
}

pub fn u16_at(data: &[u8], at: usize) -> u16 {
    match data.get(at..at + 2) {
        Some(&[a, b]) => u16::from_le_bytes([a, b]),
        _ => 0,
    }
}

pub fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let bytes: [u8; 4] = data.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_le_bytes(bytes))
}
