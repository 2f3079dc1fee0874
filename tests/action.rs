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
