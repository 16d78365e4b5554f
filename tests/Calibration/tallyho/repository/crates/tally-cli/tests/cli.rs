use std::process::Command;

#[test]
fn prints_one_row_per_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_tally")).arg("Cargo.toml").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}
