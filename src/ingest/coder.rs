//! Dictionary-coded text columns as they are read (`TextCoder`): each
//! distinct text transformed and stored once, each row its code.

use rustc_hash::FxHashMap;

use super::coded::Labels;
use super::memo::TextMemo;
use super::values;

/// A dictionary-coded text column being filled (`Labels`): each distinct
/// text is transformed and stored once; each row holds the code of its text.
/// Texts that transform alike ("A" and "a" lower-cased) share one code.
pub struct TextCoder {
    transform: fn(&str) -> String,
    /// Code of each text seen, as found.
    seen: TextMemo<u32>,
    /// Code of each transformed text.
    by_value: FxHashMap<String, u32>,
    labels: Labels,
}

impl TextCoder {
    /// Texts as they are (sectors), for a column of `rows` rows.
    pub fn new(rows: usize) -> TextCoder {
        TextCoder::with_transform(rows, str::to_string)
    }

    /// Mentor ids by their key (`values::mentor_key`), for `rows` rows.
    pub fn mentor_keys(rows: usize) -> TextCoder {
        TextCoder::with_transform(rows, |t| values::mentor_key(t).into_owned())
    }

    /// Texts lower-cased (target-group rule columns), for `rows` rows.
    pub fn lowercase(rows: usize) -> TextCoder {
        TextCoder::with_transform(rows, str::to_lowercase)
    }

    fn with_transform(rows: usize, transform: fn(&str) -> String) -> TextCoder {
        TextCoder {
            transform,
            seen: TextMemo::unbounded(),
            by_value: FxHashMap::default(),
            labels: Labels::with_capacity(rows),
        }
    }

    /// Appends a row holding `text` (None: missing).
    pub fn push(&mut self, text: Option<&str>) {
        let code = text.map(|text| self.code_of(text));
        self.labels.push(code);
    }

    /// The code of a text, given a code when first seen.
    fn code_of(&mut self, text: &str) -> u32 {
        if let Some(code) = self.seen.get(text) {
            return code;
        }
        let value = (self.transform)(text);
        let code = match self.by_value.get(&value) {
            Some(code) => *code,
            None => {
                let code = self.labels.add_value(value.clone());
                self.labels.set_written(code, text);
                self.by_value.insert(value, code);
                code
            }
        };
        self.seen.insert(text, code);
        code
    }

    /// The coded column.
    pub fn into_labels(self) -> Labels {
        self.labels
    }
}
