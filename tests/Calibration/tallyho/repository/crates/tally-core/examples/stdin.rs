fn main() -> std::io::Result<()> {
    let counts = tally_core::count(std::io::stdin().lock())?;
    println!("{counts:?}");
    Ok(())
}
