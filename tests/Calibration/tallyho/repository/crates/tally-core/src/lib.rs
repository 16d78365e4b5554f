//! Streaming word, line and byte counts over any `BufRead`.

mod counts;

pub use counts::{count, Counts};
