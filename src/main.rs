//! The process boundary: parse the command line, run, print, exit.

use std::io::{self, Write};
use std::process::ExitCode;

use awesome_lint::cli::Cli;
use awesome_lint::run::{self, Environment, ExitStatus};
use clap::Parser;

fn main() -> ExitCode {
    // Usage errors exit with clap's status 2, `--help` and `--version` with 0.
    let cli = Cli::parse();
    let output = run::run(&cli, &Environment::from_process());
    let _ = io::stderr().write_all(output.stderr.as_bytes());
    let mut exit = output.exit;
    if let Err(err) = io::stdout().write_all(output.stdout.as_bytes()) {
        // A reader that stopped early (`awesome-lint | head`) is not a failure of the lint.
        if err.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(io::stderr(), "error: cannot write the report: {err}");
            exit = ExitStatus::Failure;
        }
    }
    ExitCode::from(exit as u8)
}
