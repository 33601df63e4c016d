//! The "last visit" markers of `dmp docs list --new-since-last-visit`: for each practitioner
//! and patient, the DMP time at which the last complete, unfiltered listing of that patient's
//! documents was asked for. What counts as such a listing is decided by the caller
//! (`commands::docs`); this file only keeps the times.
//!
//! A small JSON file, `$XDG_STATE_HOME/dmp/last-visits.json` (where there is no state
//! directory, `$XDG_DATA_HOME/dmp/last-visits.json`), mode 0600 (it names patients):
//!
//! ```json
//! {"version": 1, "visits": {"<practitioner id>": {"<INS>": "2025-07-02T10:15:00Z"}}}
//! ```
//!
//! It is rewritten whole and atomically (temporary file, fsync, rename) under an exclusive lock
//! on `last-visits.lock` beside it, so that two runs never lose each other's update. A marker
//! never moves backwards: of two complete listings, the later one counts.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, Result};

const FILE_VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
struct VisitsFile {
    version: u32,
    /// practitioner → INS → time.
    visits: BTreeMap<String, BTreeMap<String, Stamp>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Stamp(#[serde(with = "time::serde::rfc3339")] OffsetDateTime);

/// The marker file.
#[derive(Debug, Clone)]
pub struct LastVisits {
    path: PathBuf,
}

impl LastVisits {
    pub fn new(path: impl Into<PathBuf>) -> LastVisits {
        LastVisits { path: path.into() }
    }

    /// `$XDG_STATE_HOME/dmp/last-visits.json`, else in the data directory.
    pub fn default_path() -> Option<PathBuf> {
        dirs::state_dir()
            .or_else(dirs::data_dir)
            .map(|d| d.join("dmp").join("last-visits.json"))
    }

    pub fn open_default() -> Result<LastVisits> {
        Self::default_path().map(LastVisits::new).ok_or_else(|| {
            Error::config(crate::tr!("journal-visits-no-dir"))
                .with_hint(crate::tr!("journal-visits-no-dir-hint"))
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The marker of this practitioner for this patient, if any.
    pub fn get(&self, practitioner: &str, ins: &str) -> Result<Option<OffsetDateTime>> {
        let _lock = self.lock()?;
        Ok(self
            .read()?
            .visits
            .get(practitioner)
            .and_then(|m| m.get(ins))
            .map(|s| s.0))
    }

    /// Moves the marker to `at` (never backwards). Returns the marker now recorded.
    pub fn record(
        &self,
        practitioner: &str,
        ins: &str,
        at: OffsetDateTime,
    ) -> Result<OffsetDateTime> {
        let _lock = self.lock()?;
        let mut file = self.read()?;
        file.version = FILE_VERSION;
        let slot = file
            .visits
            .entry(practitioner.to_string())
            .or_default()
            .entry(ins.to_string())
            .or_insert(Stamp(at));
        if slot.0 < at {
            *slot = Stamp(at);
        }
        let now = slot.0;
        self.write(&file)?;
        Ok(now)
    }

    fn read(&self) -> Result<VisitsFile> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(VisitsFile::default()),
            Err(e) => return Err(self.io_error("read", e)),
        };
        let file: VisitsFile = serde_json::from_str(&text).map_err(|e| {
            Error::input(crate::tr!(
                "journal-visits-damaged",
                path = &self.path,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("journal-visits-damaged-hint"))
        })?;
        if file.version != FILE_VERSION {
            return Err(Error::input(crate::tr!(
                "journal-visits-version",
                path = &self.path,
                version = file.version,
                expected = FILE_VERSION
            ))
            .with_hint(crate::tr!("journal-visits-version-hint")));
        }
        Ok(file)
    }

    fn write(&self, file: &VisitsFile) -> Result<()> {
        let dir = self.dir()?;
        let mut bytes = serde_json::to_vec_pretty(file).map_err(|e| {
            Error::internal(crate::tr!("journal-visits-encode", error = e.to_string()))
        })?;
        bytes.push(b'\n');
        let tmp = dir.join(".last-visits.json.part");
        let result = (|| {
            let mut f =
                private(OpenOptions::new().create(true).write(true).truncate(true)).open(&tmp)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.path)?;
            // The rename itself must reach the disk too.
            File::open(&dir)?.sync_all()
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(self.io_error("write", e));
        }
        Ok(())
    }

    /// An exclusive lock on `last-visits.lock`, released when the file is dropped.
    fn lock(&self) -> Result<File> {
        let dir = self.dir()?;
        let f = private(OpenOptions::new().create(true).truncate(false).write(true))
            .open(dir.join("last-visits.lock"))
            .map_err(|e| self.io_error("lock", e))?;
        f.lock().map_err(|e| self.io_error("lock", e))?;
        Ok(f)
    }

    fn dir(&self) -> Result<PathBuf> {
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|e| self.io_error("directory", e))?;
        Ok(dir)
    }

    /// `action`: read, write, lock or directory (a selector of the message).
    fn io_error(&self, action: &str, e: std::io::Error) -> Error {
        Error::config(crate::tr!(
            "journal-visits-io",
            action = action,
            path = &self.path,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("journal-visits-io-hint"))
    }
}

fn private(opts: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn records_per_practitioner_and_patient_and_never_moves_back() {
        let dir = tempfile::tempdir().unwrap();
        let v = LastVisits::new(dir.path().join("state/dmp/last-visits.json"));
        assert_eq!(v.get("8997", "2800").unwrap(), None);
        let t1 = datetime!(2025-07-02 10:15:00 UTC);
        let t2 = datetime!(2025-07-03 08:00:00 UTC);
        assert_eq!(v.record("8997", "2800", t1).unwrap(), t1);
        v.record("8997", "1750", t2).unwrap();
        v.record("8998", "2800", t2).unwrap();
        assert_eq!(v.get("8997", "2800").unwrap(), Some(t1));
        assert_eq!(v.get("8998", "2800").unwrap(), Some(t2));
        assert_eq!(v.record("8997", "2800", t2).unwrap(), t2);
        assert_eq!(v.record("8997", "2800", t1).unwrap(), t2, "never backwards");
        assert_eq!(v.get("8997", "2800").unwrap(), Some(t2));

        // The file is the documented JSON, private to its owner, and no temporary file is left.
        let text = std::fs::read_to_string(v.path()).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["version"], 1);
        assert_eq!(json["visits"]["8997"]["2800"], "2025-07-03T08:00:00Z");
        assert!(!v.path().with_file_name(".last-visits.json.part").exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(v.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_damaged_file_is_an_error_that_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let v = LastVisits::new(dir.path().join("last-visits.json"));
        std::fs::write(v.path(), "{not json").unwrap();
        let e = v.get("8997", "2800").unwrap_err();
        assert!(e.message().contains("damaged"), "{}", e.message());
        assert!(e.hint().unwrap().contains("delete it"));
    }
}
