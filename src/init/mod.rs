//! `init`: a first evidence.toml from the user's own files (outputs.md,
//! "Commands"). Built in steps: `recognise` tells what each sheet is and
//! maps its columns by header synonyms; writing the configuration and the
//! command itself come next (see the note).

pub mod recognise;
