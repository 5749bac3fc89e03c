//! Hostile files and folders (issue 29): each reproducer ends quickly with an
//! error that names the file and says what it is, never a panic, an abort or
//! a hang. A regression test per reproducer.

use crate::workdir::Workdir;

fn config(path: &str, extra: &str) -> String {
    format!(
        "[programme]\nname = \"Hostile\"\nperiod = \"T\"\nstart = 2026-09-28\nas_of = 2027-04-30\n\n[inputs.cohort]\npath = \"{path}\"\n[inputs.cohort.columns]\nstudent_id = \"ID\"\nregistered = \"Reg\"\n\n[output]\ndir = \"out\"\n{extra}"
    )
}

/// `validate` on a configuration whose cohort is `name`: exit 1 within 10 s,
/// and the message.
fn refused(wd: &Workdir, name: &str) -> String {
    wd.write("e.toml", config(name, ""));
    wd.run_within(&["validate", "-c", "e.toml"], 10)
        .expect_code(1)
        .stderr()
}

#[test]
fn a_fifo_named_as_an_input_is_refused_not_waited_on() {
    let wd = Workdir::new("hostile-fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(wd.path("c.csv"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let err = refused(&wd, "c.csv");
    assert!(
        err.contains("c.csv") && err.contains("named pipe (FIFO), not a regular file"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_device_linked_as_an_input_is_refused_not_read() {
    let wd = Workdir::new("hostile-device");
    for name in ["c.xlsx", "c.csv"] {
        std::os::unix::fs::symlink("/dev/zero", wd.path(name)).expect("symlink");
        let err = refused(&wd, name);
        assert!(
            err.contains(name) && err.contains("a device, not a regular file"),
            "{err}"
        );
    }
}

#[test]
fn a_folder_named_as_an_input_is_refused() {
    let wd = Workdir::new("hostile-folder");
    std::fs::create_dir_all(wd.path("c.csv")).expect("mkdir");
    let err = refused(&wd, "c.csv");
    assert!(
        err.contains("c.csv") && err.contains("a folder, not a regular file"),
        "{err}"
    );
}

#[test]
fn an_input_over_the_size_cap_is_refused_before_it_is_read() {
    let wd = Workdir::new("hostile-cap");
    wd.write("c.csv", "ID,Reg\n".to_string() + &"s1,yes\n".repeat(200_000));
    wd.write("e.toml", config("c.csv", "[limits]\nmax_file_mb = 1\n"));
    let err = wd
        .run_within(&["validate", "-c", "e.toml"], 10)
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("c.csv") && err.contains("limit of 1.0 MB (limits.max_file_mb)"),
        "{err}"
    );
}

#[test]
fn a_fifo_named_as_the_configuration_is_refused() {
    let wd = Workdir::new("hostile-config-fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(wd.path("e.toml"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let err = wd
        .run_within(&["validate", "-c", "e.toml"], 10)
        .expect_code(1)
        .stderr();
    assert!(err.contains("e.toml") && err.contains("named pipe"), "{err}");
}
