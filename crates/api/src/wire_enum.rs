//! Enums that travel as one of a fixed set of names (`"org_admin"`, `"past_due"`), each
//! name written once, beside its variant: serde, the database, query strings and the
//! OpenAPI document all read it from there.
//!
//! Hand-written serde instead of `#[derive(Deserialize)]`: the derive builds a visitor per
//! enum (about 1 KB of wasm each, in the first page's module for the ones a session
//! reads); here every enum shares one visitor that looks the name up in its list.

/// Declares a unit enum whose wire name is given per variant:
///
/// ```
/// atrium_api::wire_enum! {
///     /// How often a plan is billed.
///     pub enum Interval {
///         Month = "month",
///         Year = "year",
///     }
/// }
/// assert_eq!(Interval::parse("year"), Some(Interval::Year));
/// assert_eq!(serde_json::to_string(&Interval::Month).unwrap(), "\"month\"");
/// ```
///
/// It derives `Clone, Copy, Debug, PartialEq, Eq` (add more with `#[derive]`), and gives
/// `ALL` (in declaration order), `NAMES`, `as_str`, `parse`, `Serialize`, `Deserialize`,
/// and with the `openapi` feature a `ToSchema` listing the names.
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        $vis enum $name {
            $( $(#[$variant_meta])* #[cfg_attr(feature = "openapi", schema(rename = $text))] $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];
            /// Every wire name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The wire and storage name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// The variant named `name`, if any.
            pub fn parse(name: &str) -> Option<Self> {
                match name {
                    $( $text => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire_enum::name_index(deserializer, Self::NAMES).map(|i| Self::ALL[i])
            }
        }
    };
}

/// Reads a string that must be one of `names`, as its index there. An unknown name is
/// refused with serde's own words for an unknown variant.
pub fn name_index<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    deserializer.deserialize_str(NameVisitor(names))
}

struct NameVisitor(&'static [&'static str]);

impl serde::de::Visitor<'_> for NameVisitor {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a variant name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<usize, E> {
        self.0.iter().position(|n| *n == name).ok_or_else(|| E::unknown_variant(name, self.0))
    }
}

#[cfg(test)]
mod tests {
    crate::wire_enum! {
        #[derive(Default)]
        enum Size {
            #[default]
            Small = "small",
            ExtraLarge = "extra_large",
        }
    }

    #[test]
    fn names_go_both_ways() {
        assert_eq!(Size::ALL, [Size::Small, Size::ExtraLarge]);
        assert_eq!(Size::ExtraLarge.as_str(), "extra_large");
        assert_eq!(Size::parse("extra_large"), Some(Size::ExtraLarge));
        assert_eq!(Size::parse("ExtraLarge"), None);
        assert_eq!(Size::default(), Size::Small);
        assert_eq!(serde_json::to_string(&Size::ExtraLarge).unwrap(), "\"extra_large\"");
        assert_eq!(serde_json::from_str::<Size>("\"small\"").unwrap(), Size::Small);
        // Escaped, so not borrowed from the input.
        assert_eq!(serde_json::from_str::<Size>("\"sm\\u0061ll\"").unwrap(), Size::Small);
    }

    #[test]
    fn refuses_what_is_not_a_name() {
        let unknown = serde_json::from_str::<Size>("\"medium\"").unwrap_err().to_string();
        assert_eq!(unknown, "unknown variant `medium`, expected `small` or `extra_large` at line 1 column 8");
        let number = serde_json::from_str::<Size>("3").unwrap_err().to_string();
        assert_eq!(number, "invalid type: integer `3`, expected a variant name at line 1 column 1");
    }
}
