//! The README documents what a user can write: every configuration key the parser accepts is in
//! its list, and the list names no key the parser would refuse.

use serde::de::DeserializeOwned;

/// The keys the parser accepts for `T`, as it says when refusing an unknown one (the
/// configuration is parsed with `deny_unknown_fields`, whose message lists them all).
fn accepted_keys<T: DeserializeOwned + std::fmt::Debug>() -> Vec<String> {
    let err = toml::from_str::<T>("surely_not_a_key_of_dmp = 1").unwrap_err();
    let message = err.message().to_string();
    let expected = message
        .split_once("expected")
        .unwrap_or_else(|| panic!("the parser no longer lists its keys: {message}"))
        .1;
    let keys: Vec<String> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(!keys.is_empty(), "{message}");
    keys
}

/// (key, where) of each row of the README's "Every configuration key" table.
fn readme_keys() -> Vec<(String, String)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("### Every configuration key")
        .nth(1)
        .expect("README has a section `### Every configuration key`");
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the header and its rule
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].to_string())
        })
        .collect()
}

fn documented(place: &str) -> Vec<String> {
    readme_keys()
        .into_iter()
        .filter(|(_, w)| w == place)
        .map(|(k, _)| k)
        .collect()
}

fn same_keys(place: &str, accepted: Vec<String>) {
    let listed = documented(place);
    let missing: Vec<&String> = accepted.iter().filter(|k| !listed.contains(k)).collect();
    let unknown: Vec<&String> = listed.iter().filter(|k| !accepted.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "keys of the {place} the README does not list (add them to `### Every configuration key`): {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "keys the README lists for the {place} that the parser refuses: {unknown:?}"
    );
}

#[test]
fn the_readme_lists_every_profile_key() {
    same_keys("profile", accepted_keys::<dmp::config::Profile>());
}

#[test]
fn the_readme_lists_every_top_level_key() {
    same_keys("top level", accepted_keys::<dmp::config::Config>());
}

#[test]
fn every_row_says_where_its_key_goes() {
    for (key, place) in readme_keys() {
        assert!(
            place == "profile" || place == "top level",
            "README row `{key}`: where is `{place}`, expected `profile` or `top level`"
        );
    }
}
