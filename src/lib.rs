//! awesome-lint: lint an awesome list's README and check its links.

pub mod catalog;
pub mod changes;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod input;
pub mod links;
pub mod local_links;
pub mod report;
pub mod rules;
pub mod run;
pub mod shell;
pub mod suppress;
pub mod surroundings;
