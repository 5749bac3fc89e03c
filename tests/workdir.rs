//! A temporary working folder and a runner for the built binary (after xsv's Workdir).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// A fresh folder under the system temp dir, removed on drop.
pub struct Workdir {
    pub dir: PathBuf,
}

impl Workdir {
    /// A new empty folder named after the test.
    pub fn new(name: &str) -> Workdir {
        let dir = std::env::temp_dir()
            .join("mentor-evidence-tests")
            .join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create test folder");
        Workdir { dir }
    }

    /// A path inside the folder.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    /// Writes a file inside the folder.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(path, contents).expect("write test file");
    }

    /// Reads a file inside the folder as text.
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("read {relative}: {e}"))
    }

    /// Runs the binary with `args` in this folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs the binary with `args` and extra environment variables.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_mentor-evidence"))
            .args(args)
            .envs(env.iter().copied())
            .current_dir(&self.dir)
            .output()
            .expect("run mentor-evidence");
        Run(output)
    }

    /// Runs the binary with `args`, failing the test if it has not ended
    /// within `seconds` (a hang is killed, not waited on forever).
    pub fn run_within(&self, args: &[&str], seconds: u64) -> Run {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mentor-evidence"))
            .args(args)
            .current_dir(&self.dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run mentor-evidence");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        while child.try_wait().expect("wait").is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("mentor-evidence {args:?} did not end within {seconds} s");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        Run(child.wait_with_output().expect("collect output"))
    }

    /// Copies the shared sample programme (generated once per test binary) into `relative`.
    pub fn sample(&self, relative: &str) {
        let source = shared_sample();
        copy_dir(source, &self.path(relative));
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The output of one run.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Panics with both streams unless the exit code is `code`.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code(),
            code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// The default sample programme, generated once into a folder shared by tests.
pub fn shared_sample() -> &'static Path {
    static SAMPLE: OnceLock<PathBuf> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = std::env::temp_dir()
            .join("mentor-evidence-tests")
            .join(format!("shared-sample-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let status = Command::new(env!("CARGO_BIN_EXE_mentor-evidence"))
            .args(["sample-data", "--out"])
            .arg(&dir)
            .output()
            .expect("run sample-data");
        assert!(
            status.status.success(),
            "sample-data failed: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        dir
    })
}

/// Recursive copy.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create copy target");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// Every file under `dir`, relative paths sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let entry = entry.expect("entry");
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(path.strip_prefix(base).expect("prefix").to_path_buf());
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}
