//! `completions SHELL` and `man`: scripts and a man page generated from the clap definitions, so
//! that they never drift from the real command line.

use clap::CommandFactory;
use clap_complete::Shell;
use roff::{Roff, bold, italic, roman};

use crate::cli::Cli;

/// The completion script for `shell`, for the binary named `awesome-lint`.
pub fn completions(shell: Shell) -> String {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "awesome-lint", &mut script);
    String::from_utf8(script).expect("clap_complete writes UTF-8")
}

/// The man page (section 1, roff): clap_mangen's, with the commands described in it.
pub fn man_page() -> String {
    let mut command = Cli::command();
    command.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .expect("writing to a Vec cannot fail");
    let page = String::from_utf8(page).expect("clap_mangen writes UTF-8");
    // clap_mangen's SUBCOMMANDS section points at one page per command (`awesome-lint-rules(1)`),
    // which `awesome-lint man` does not write.
    replace_section(&page, "SUBCOMMANDS", &commands_section(&command))
}

/// `.SH COMMANDS`: each command with its arguments and its whole help.
fn commands_section(command: &clap::Command) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        roff.control("TP", []);
        let mut usage = vec![bold(format!("{} {}", command.get_name(), sub.get_name()))];
        for arg in sub.get_positionals().filter(|a| !a.is_hide_set()) {
            let name = arg
                .get_value_names()
                .and_then(|names| names.first())
                .map_or_else(|| arg.get_id().to_string(), ToString::to_string);
            let name = if arg.is_required_set() {
                format!("<{name}>")
            } else {
                format!("[{name}]")
            };
            usage.extend([roman(" "), italic(name)]);
        }
        roff.text(usage);
        let help = sub.get_long_about().or_else(|| sub.get_about());
        for (i, paragraph) in help
            .map(|h| h.to_string())
            .unwrap_or_default()
            .split("\n\n")
            .enumerate()
        {
            if i > 0 {
                // A new paragraph at the same indent, under the same command.
                roff.control("IP", []);
            }
            roff.text([roman(paragraph.replace('\n', " "))]);
        }
    }
    let preamble = Roff::new().render();
    let section = roff.render();
    section
        .strip_prefix(&preamble)
        .unwrap_or(&section)
        .to_string()
}

/// `page` with the section headed `heading` (up to the next `.SH`) replaced by `with`.
fn replace_section(page: &str, heading: &str, with: &str) -> String {
    let Some(start) = page.find(&format!(".SH {heading}\n")) else {
        return format!("{page}{with}");
    };
    let end = page[start..]
        .find("\n.SH ")
        .map_or(page.len(), |i| start + i + 1);
    format!("{}{with}{}", &page[..start], &page[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_middle_and_a_last_section() {
        let page = ".TH x 1\n.SH A\na\n.SH B\nb\n.SH C\nc\n";
        assert_eq!(
            replace_section(page, "B", ".SH N\nn\n"),
            ".TH x 1\n.SH A\na\n.SH N\nn\n.SH C\nc\n"
        );
        assert_eq!(
            replace_section(page, "C", ".SH N\nn\n"),
            ".TH x 1\n.SH A\na\n.SH B\nb\n.SH N\nn\n"
        );
    }

    #[test]
    fn the_man_page_describes_every_command_and_points_at_no_other_page() {
        let page = man_page();
        assert!(!page.contains("SUBCOMMANDS"), "{page}");
        assert!(!page.contains("awesome\\-lint\\-rules(1)"), "{page}");
        for command in [
            "rules",
            "explain",
            "init",
            "config",
            "completions",
            "man",
            "help",
        ] {
            assert!(
                page.contains(&format!("\\fBawesome\\-lint {command}\\fR")),
                "{command} is not described:\n{page}"
            );
        }
        assert_eq!(
            page.matches(".ie \\n(.g").count(),
            1,
            "one preamble:\n{page}"
        );
    }
}
