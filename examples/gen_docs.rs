//! Regenerates what is generated from the CLI definition: the man pages (`man/`), the shell
//! completion scripts (`completions/`) and the `--help` snapshots (`tests/snapshots/help/`):
//! `cargo run --example gen_docs`.

fn main() -> std::io::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let written = dmp::cli::generate::write_all(root)?;
    if written.is_empty() {
        println!("everything generated was already up to date");
    }
    for rel in written {
        println!("wrote {rel}");
    }
    Ok(())
}
