use std::io::{self, BufRead};

/// Totals for one input.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Counts {
    pub lines: u64,
    pub words: u64,
    pub bytes: u64,
}

/// Counts lines, words and bytes, reading line by line.
pub fn count(mut input: impl BufRead) -> io::Result<Counts> {
    let mut totals = Counts::default();
    let mut line = String::new();
    while input.read_line(&mut line)? > 0 {
        totals.lines += 1;
        totals.words += line.split_whitespace().count() as u64;
        totals.bytes += line.len() as u64;
        line.clear();
    }
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_across_lines() {
        let c = count("a b\nc\n".as_bytes()).unwrap();
        assert_eq!(c, Counts { lines: 2, words: 3, bytes: 6 });
    }
}
