//! The Debian package: `cargo deb` (the `[package.metadata.deb]` of Cargo.toml) builds it, and
//! once unpacked into an empty directory tree it holds a `dmp` that runs, every man page
//! and the completions where Debian's shells look for them, and depends on pcscd and
//! libpcsclite1.
//!
//! The package is built from the binary this test run built (`--no-build --profile dev`), so
//! the test does not compile everything again in release mode; `cargo deb` alone builds the
//! release package the README describes, from the same metadata. cargo-deb itself comes from
//! crates.io (`cargo install cargo-deb --locked`, which scripts/test.sh runs): without it this
//! test fails, it does not skip.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Builds the package into `dir` and returns its path.
fn build_package(dir: &Path) -> PathBuf {
    let probe = cargo().args(["deb", "--version"]).output();
    assert!(
        probe.is_ok_and(|o| o.status.success()),
        "cargo-deb is not installed: `cargo install cargo-deb --locked` (scripts/test.sh does it)"
    );
    let deb = dir.join("dmp.deb");
    run(cargo()
        .current_dir(root())
        .args([
            "deb",
            "--no-build",
            "--profile",
            "dev",
            "--fast",
            "--quiet",
            "--output",
        ])
        .arg(&deb));
    deb
}

#[test]
fn the_package_installs_a_working_dmp_with_its_man_pages_and_completions() {
    let work = tempfile::tempdir().unwrap();
    let deb = build_package(work.path());

    let depends = run(Command::new("dpkg-deb")
        .arg("--field")
        .arg(&deb)
        .arg("Depends"));
    let depends: Vec<String> = String::from_utf8(depends.stdout)
        .unwrap()
        .split(',')
        .map(|d| d.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    for needed in ["pcscd", "libpcsclite1"] {
        assert!(
            depends.iter().any(|d| d == needed),
            "Depends lacks {needed}: {depends:?}"
        );
    }

    // Installed into a clean tree, as dpkg would lay it out.
    let tree = work.path().join("root");
    std::fs::create_dir(&tree).unwrap();
    run(Command::new("dpkg").arg("-x").arg(&deb).arg(&tree));

    let dmp = tree.join("usr/bin/dmp");
    let version = run(Command::new(&dmp).arg("--version"));
    assert_eq!(
        String::from_utf8(version.stdout).unwrap(),
        format!("dmp {}\n", env!("CARGO_PKG_VERSION"))
    );
    // It is this tree's dmp: its help is the committed snapshot.
    let help = run(Command::new(&dmp)
        .env_remove("COLUMNS")
        .env("LC_ALL", "C.UTF-8")
        .env_remove("DMP_LANG")
        .arg("--help"));
    assert_eq!(
        String::from_utf8(help.stdout).unwrap(),
        std::fs::read_to_string(root().join("tests/snapshots/help/dmp.txt")).unwrap()
    );

    // Every page, compressed as Debian policy wants, and man reads it.
    let man1 = tree.join("usr/share/man/man1");
    for path in dmp::cli::generate::command_paths() {
        let page = man1.join(format!("{}.1.gz", path.join("-")));
        assert!(page.is_file(), "{} is not in the package", page.display());
    }
    let rendered = run(Command::new("man")
        .env("MANWIDTH", "100")
        .arg("-l")
        .arg(man1.join("dmp-docs-list.1.gz")));
    let rendered = String::from_utf8_lossy(&rendered.stdout);
    assert!(rendered.contains("dmp docs list --ins"), "{rendered}");
    // The French pages, where man looks for them in a French locale.
    let man1_fr = tree.join("usr/share/man/fr/man1");
    for path in dmp::cli::generate::command_paths() {
        let page = man1_fr.join(format!("{}.1.gz", path.join("-")));
        assert!(page.is_file(), "{} is not in the package", page.display());
    }
    let rendered = run(Command::new("man")
        .env("MANWIDTH", "100")
        .arg("-l")
        .arg(man1_fr.join("dmp-docs-list.1.gz")));
    let rendered = String::from_utf8_lossy(&rendered.stdout);
    assert!(rendered.contains("OPTIONS GLOBALES"), "{rendered}");

    // The completions, where bash-completion, zsh and fish look for vendor scripts.
    for (committed, installed) in [
        ("dmp.bash", "usr/share/bash-completion/completions/dmp"),
        ("_dmp", "usr/share/zsh/vendor-completions/_dmp"),
        ("dmp.fish", "usr/share/fish/vendor_completions.d/dmp.fish"),
    ] {
        assert_eq!(
            std::fs::read(tree.join(installed))
                .unwrap_or_else(|_| panic!("{installed} is not in the package")),
            std::fs::read(root().join("completions").join(committed)).unwrap(),
            "{installed}"
        );
    }
    // The installed script and the installed binary complete together.
    let bash = format!(
        "source {}\nCOMP_WORDS=(dmp docs l); COMP_CWORD=2; COMP_LINE='dmp docs l'; COMP_POINT=10\n\
         _clap_complete_dmp dmp l docs\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        tree.join("usr/share/bash-completion/completions/dmp")
            .display()
    );
    let out = run(Command::new("bash")
        .env(
            "PATH",
            format!("{}:/usr/bin:/bin", tree.join("usr/bin").display()),
        )
        .arg("-c")
        .arg(bash));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "list\n");
}
