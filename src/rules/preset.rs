//! Presets: named sets of rules. `default` is every rule the tool had before presets;
//! `awesome` adds the checks of the official awesome guidelines (sindresorhus/awesome-lint).

/// The preset a rule belongs to, and the preset a run selects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Preset {
    #[default]
    Default,
    /// The official awesome guidelines, as a drop-in for sindresorhus/awesome-lint.
    Awesome,
}

impl Preset {
    /// Every preset, in the order they build on each other.
    pub const ALL: &[Preset] = &[Preset::Default, Preset::Awesome];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Default => "default",
            Preset::Awesome => "awesome",
        }
    }

    pub fn parse(name: &str) -> Option<Preset> {
        Preset::ALL.iter().copied().find(|p| p.as_str() == name)
    }

    /// Whether a run with this preset selected runs rules of preset `member`: each preset
    /// includes the ones before it.
    pub fn includes(self, member: Preset) -> bool {
        member <= self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn awesome_includes_default_but_not_the_reverse() {
        assert!(Preset::Awesome.includes(Preset::Default));
        assert!(Preset::Awesome.includes(Preset::Awesome));
        assert!(Preset::Default.includes(Preset::Default));
        assert!(!Preset::Default.includes(Preset::Awesome));
        assert_eq!(Preset::parse("awesome"), Some(Preset::Awesome));
        assert_eq!(Preset::parse("Awesome"), None);
        for p in Preset::ALL {
            assert_eq!(Preset::parse(p.as_str()), Some(*p));
        }
    }
}
