//! Regenerates the man pages (`man/`) and shell completions (`completions/`) from the CLI
//! definition: `cargo run --example gen_docs`.

fn main() -> std::io::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    dmp::cli::generate::write_all(root)?;
    println!("man pages and completions written under {}", root.display());
    Ok(())
}
