use std::{fs::File, io::BufReader, path::PathBuf};

use clap::Parser;

/// Count lines, words and bytes in files.
#[derive(Parser)]
struct Args {
    files: Vec<PathBuf>,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    for path in &args.files {
        let counts = tally_core::count(BufReader::new(File::open(path)?))?;
        println!("{:>8} {:>8} {:>8} {}", counts.lines, counts.words, counts.bytes, path.display());
    }
    Ok(())
}
