//! awesome-lint: lint an awesome list's README and check its links.

pub mod diagnostic;
pub mod document;
pub mod links;
pub mod rules;
