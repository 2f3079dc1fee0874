//! The GitHub Action's `Lint` step (`action.yml`), run for real under bash with the variables
//! Actions would set: flags from inputs, the exit-code and findings-file outputs, `fail-on`, and
//! inputs that hold shell syntax are words, never code. The YAML itself is validated against
//! GitHub's schema and audited by zizmor in `.ci/run`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `run:` script of the step named `name` in action.yml.
fn step_script(name: &str) -> String {
    let action = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/action.yml")).unwrap();
    let lines: Vec<&str> = action.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == format!("- name: {name}"))
        .unwrap_or_else(|| panic!("no step {name}"));
    let run = (at..lines.len())
        .find(|&i| lines[i].trim() == "run: |")
        .expect("a run block");
    let indent = lines[run].len() - lines[run].trim_start().len() + 2;
    lines[run + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() >= indent)
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

struct Step {
    code: i32,
    stdout: String,
    outputs: String,
}

struct Runner {
    dir: tempfile::TempDir,
    install_root: PathBuf,
}

impl Runner {
    fn new(readme: &str) -> Runner {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join(".git")).unwrap();
        fs::write(dir.path().join("README.md"), readme).unwrap();
        // The action runs `$INSTALL_ROOT/bin/awesome-lint`: this build stands in for `cargo install`.
        let install_root = dir.path().join("tool");
        fs::create_dir_all(install_root.join("bin")).unwrap();
        std::os::unix::fs::symlink(
            env!("CARGO_BIN_EXE_awesome-lint"),
            install_root.join("bin/awesome-lint"),
        )
        .unwrap();
        fs::create_dir(dir.path().join("runner-temp")).unwrap();
        Runner { dir, install_root }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn lint(&self, inputs: &[(&str, &str)]) -> Step {
        let outputs = self.path().join("github-output");
        fs::write(&outputs, "").unwrap();
        let mut env: Vec<(&str, String)> = vec![
            ("FILES", "README.md".into()),
            ("ARGS", String::new()),
            ("CHANGED_ONLY", "true".into()),
            ("OFFLINE", "true".into()),
            ("SARIF", String::new()),
            ("FAIL_ON", "error".into()),
            ("FORMAT", "github".into()),
            ("BASE_REF", String::new()),
            ("GITHUB_TOKEN", String::new()),
        ];
        for (k, v) in inputs {
            env.retain(|(key, _)| key != k);
            env.push((k, v.to_string()));
        }
        let output = Command::new("bash")
            .arg("-c")
            .arg(step_script("Lint"))
            .current_dir(self.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap())
            .env("INSTALL_ROOT", &self.install_root)
            .env("RUNNER_TEMP", self.path().join("runner-temp"))
            .env("GITHUB_OUTPUT", &outputs)
            .envs(env)
            .output()
            .unwrap();
        Step {
            code: output.status.code().unwrap(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            outputs: fs::read_to_string(&outputs).unwrap(),
        }
    }
}

const ERRORS: &str = "# Awesome\n\n## Tools\n\n- [A](https://a.example) - A.\n\n## Tools\n\n- [B](https://b.example) - B.\n";
const WARNINGS: &str =
    "# Awesome\n\n## Tools\n\n- [A](https://a.example) - A.\n\nhttps://bare.example/page\n";
const CLEAN: &str = "# Awesome\n\n## Tools\n\n- [A](https://a.example) - A.\n";

#[test]
fn annotations_and_outputs() {
    let runner = Runner::new(ERRORS);
    let step = runner.lint(&[]);
    assert_eq!(step.code, 1);
    assert!(
        step.stdout.starts_with("::error file=README.md,line=7,"),
        "{}",
        step.stdout
    );
    assert!(step.outputs.contains("exit-code=1\n"), "{}", step.outputs);
    let findings = step
        .outputs
        .lines()
        .find_map(|l| l.strip_prefix("findings-file="))
        .unwrap();
    assert_eq!(fs::read_to_string(findings).unwrap(), step.stdout);
}

#[test]
fn fail_on_decides_the_step() {
    let errors = Runner::new(ERRORS);
    assert_eq!(errors.lint(&[("FAIL_ON", "never")]).code, 0);
    assert_eq!(errors.lint(&[("FAIL_ON", "warning")]).code, 1);

    let warnings = Runner::new(WARNINGS);
    assert_eq!(warnings.lint(&[("FAIL_ON", "error")]).code, 0);
    for format in ["github", "compact", "human", "json"] {
        let step = warnings.lint(&[("FAIL_ON", "warning"), ("FORMAT", format)]);
        assert_eq!(
            step.code, 1,
            "{format}: a warning fails with fail-on: warning"
        );
        assert!(step.outputs.contains("exit-code=0\n"), "{format}");
    }
    let clean = Runner::new(CLEAN);
    assert_eq!(clean.lint(&[("FAIL_ON", "warning")]).code, 0);
    assert_eq!(clean.lint(&[("FAIL_ON", "sometimes")]).code, 2);

    // A usage error fails even with fail-on: never.
    let step = clean.lint(&[("FAIL_ON", "never"), ("ARGS", "--no-such-flag")]);
    assert_eq!(step.code, 2);
}

#[test]
fn inputs_are_words_not_code() {
    let runner = Runner::new(CLEAN);
    let marker = runner.path().join("pwned");
    let step = runner.lint(&[
        ("ARGS", "$(touch pwned) `touch pwned` ;touch pwned"),
        ("FILES", "README.md;touch pwned"),
    ]);
    assert!(!marker.exists(), "an input ran as shell code");
    assert_eq!(
        step.code, 2,
        "the odd words reach awesome-lint as arguments"
    );
}

#[test]
fn sarif_and_changed_only_reach_the_flags() {
    let runner = Runner::new(ERRORS);
    let step = runner.lint(&[("SARIF", "out.sarif")]);
    assert_eq!(step.code, 1);
    assert!(runner.path().join("out.sarif").exists());

    // Not a pull request (no base ref): changed-only is ignored, the whole list is judged.
    assert_eq!(runner.lint(&[("CHANGED_ONLY", "true")]).code, 1);
    // A pull request: `--changed-since origin/BASE`; here no git history, so git says why.
    let step = runner.lint(&[("CHANGED_ONLY", "true"), ("BASE_REF", "main")]);
    assert_eq!(step.code, 2, "{}", step.stdout);
}

// ---- scripts/action-install.sh: the release binary for the runner, checked --------------------

/// A file server on 127.0.0.1 for fake releases: path → (status, body); records each request.
struct Releases {
    base: String,
    requests: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Releases {
    fn serve(files: Vec<(String, u16, Vec<u8>)>) -> Releases {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/releases", listener.local_addr().unwrap());
        let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                // Drain the headers.
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
                seen.lock().unwrap().push(path.clone());
                let (status, body) = files
                    .iter()
                    .find(|(p, ..)| format!("/releases/{p}") == path)
                    .map_or((404, b"not found".to_vec()), |(_, s, b)| (*s, b.clone()));
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            }
        });
        Releases { base, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// A release archive `awesome-lint-REF-TARGET.tar.gz` whose binary prints `fake TARGET`.
fn archive(reference: &str, target: &str) -> (String, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("awesome-lint-{reference}-{target}");
    fs::create_dir(dir.path().join(&name)).unwrap();
    let bin = dir.path().join(&name).join("awesome-lint");
    fs::write(&bin, format!("#!/bin/sh\necho fake {target}\n")).unwrap();
    let status = Command::new("tar")
        .args(["-czf", "out.tar.gz", &name])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    (
        format!("{name}.tar.gz"),
        fs::read(dir.path().join("out.tar.gz")).unwrap(),
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("f"), bytes).unwrap();
    let out = Command::new("sha256sum")
        .arg("f")
        .current_dir(dir.path())
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_string()
}

struct Install {
    code: i32,
    stderr: String,
    root: tempfile::TempDir,
}

fn install(releases: &Releases, reference: &str, os: &str, arch: &str) -> Install {
    let root = tempfile::tempdir().unwrap();
    let output = Command::new("bash")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/action-install.sh"
        ))
        .env("REF", reference)
        .env("INSTALL_ROOT", root.path())
        .env("RUNNER_OS", os)
        .env("RUNNER_ARCH", arch)
        .env("AWESOME_LINT_RELEASES", &releases.base)
        .output()
        .unwrap();
    Install {
        code: output.status.code().unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        root,
    }
}

const TAG: &str = "v9.8.7";
const LINUX_X64: &str = "x86_64-unknown-linux-musl";

fn release_with(sums: impl Fn(&str, &[u8]) -> String) -> Releases {
    let (name, bytes) = archive(TAG, LINUX_X64);
    let sums = sums(&name, &bytes);
    Releases::serve(vec![
        (format!("{TAG}/{name}"), 200, bytes),
        (format!("{TAG}/SHA256SUMS"), 200, sums.into_bytes()),
    ])
}

fn good_sums(name: &str, bytes: &[u8]) -> String {
    format!(
        "{}  some-other-asset.zip\n{}  {name}\n",
        "0".repeat(64),
        sha256_hex(bytes)
    )
}

#[test]
fn a_release_tag_installs_the_checked_binary_for_the_runner() {
    let releases = release_with(good_sums);
    let done = install(&releases, TAG, "Linux", "X64");
    assert_eq!(done.code, 0, "{}", done.stderr);
    let out = Command::new(done.root.path().join("bin/awesome-lint"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("fake {LINUX_X64}\n")
    );
    assert!(releases.requests().contains(&format!(
        "/releases/{TAG}/awesome-lint-{TAG}-{LINUX_X64}.tar.gz"
    )));
}

#[test]
fn each_runner_asks_for_its_own_asset() {
    let releases = release_with(good_sums);
    for (os, arch, asset) in [
        ("Linux", "ARM64", "aarch64-unknown-linux-musl.tar.gz"),
        ("macOS", "X64", "x86_64-apple-darwin.tar.gz"),
        ("macOS", "ARM64", "aarch64-apple-darwin.tar.gz"),
        ("Windows", "X64", "x86_64-pc-windows-msvc.zip"),
    ] {
        // This fake release only has the Linux x64 asset: the others fall back to a build.
        let done = install(&releases, TAG, os, arch);
        assert_eq!(done.code, 3, "{os}/{arch}: {}", done.stderr);
        assert!(
            releases
                .requests()
                .contains(&format!("/releases/{TAG}/awesome-lint-{TAG}-{asset}")),
            "{os}/{arch}: {:?}",
            releases.requests()
        );
    }
    let unsupported = install(&releases, TAG, "Linux", "ARM");
    assert_eq!(unsupported.code, 3);
    assert!(
        unsupported
            .stderr
            .contains("no release binary for Linux/ARM")
    );
}

#[test]
fn a_branch_or_a_missing_release_builds_from_source() {
    let releases = release_with(good_sums);
    for reference in [
        "main",
        "3f2c9d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e",
        "v1",
        "feature/x",
    ] {
        let done = install(&releases, reference, "Linux", "X64");
        assert_eq!(done.code, 3, "{reference}");
    }
    assert!(
        releases.requests().is_empty(),
        "no request for a non-release ref"
    );
    let done = install(&releases, "v0.0.1", "Linux", "X64");
    assert_eq!(done.code, 3, "{}", done.stderr);
    assert!(done.stderr.contains("no release v0.0.1"), "{}", done.stderr);
}

#[test]
fn a_checksum_mismatch_fails_loudly_and_installs_nothing() {
    let wrong = release_with(|name, _| format!("{}  {name}\n", "ab".repeat(32)));
    let done = install(&wrong, TAG, "Linux", "X64");
    assert_eq!(done.code, 1);
    assert!(
        done.stderr
            .contains("::error title=awesome-lint::checksum mismatch"),
        "{}",
        done.stderr
    );
    assert!(!done.root.path().join("bin/awesome-lint").exists());

    let unlisted = release_with(|_, bytes| format!("{}  other.tar.gz\n", sha256_hex(bytes)));
    let done = install(&unlisted, TAG, "Linux", "X64");
    assert_eq!(done.code, 1);
    assert!(done.stderr.contains("does not list"), "{}", done.stderr);
    assert!(!done.root.path().join("bin/awesome-lint").exists());
}

#[test]
fn a_server_error_is_a_failure_not_a_fallback() {
    let broken = Releases::serve(vec![(format!("{TAG}/SHA256SUMS"), 500, b"oops".to_vec())]);
    let done = install(&broken, TAG, "Linux", "X64");
    assert_eq!(done.code, 1, "{}", done.stderr);
    assert!(done.stderr.contains("answered 500"), "{}", done.stderr);
}
