//! The numeric rules are data: a user can add a currency or a month
//! spelling without touching Rust, and a malformed row is an error naming
//! the file and the line.

use kashif::{ExtractOptions, Extractor, RuleFiles};

#[test]
fn malformed_rows_name_file_and_line() {
    let cases = [
        (
            "numbers/units.csv",
            "# units\nname,unit,dual,bare\nطن,t,0,yes\nكغ,kg,maybe,no\n",
            "numbers/units.csv:4:",
        ),
        (
            "numbers/months.csv",
            "# months\nname,month,calendar,bare\nيناير,13,gregorian,yes\n",
            "numbers/months.csv:3:",
        ),
        (
            "numbers/currencies.csv",
            "# c\nname,base,code,factor\nدولار,دولار,usd,1\n",
            "numbers/currencies.csv:3:",
        ),
        (
            "numbers/number_words.csv",
            "# w\nword,value,kind\nخمسة,5,unit\nستة,six,unit\n",
            "numbers/number_words.csv:4:",
        ),
        (
            "numbers/modifiers.csv",
            "# m\nphrase,modifier,position\nنحو,about,pre\n",
            "numbers/modifiers.csv:3:",
        ),
        (
            "numbers/weekdays.csv",
            "# w\nname,day\nالخميس\n",
            "numbers/weekdays.csv:3:",
        ),
    ];
    for (file, text, prefix) in cases {
        let mut rules = RuleFiles::embedded();
        rules.insert(file, text);
        let err = match Extractor::new(&rules) {
            Ok(_) => panic!("{file}: malformed row accepted"),
            Err(e) => e.to_string(),
        };
        assert!(
            err.starts_with(prefix),
            "{file}: error `{err}` does not start with `{prefix}`"
        );
    }
}

#[test]
fn a_user_can_add_a_currency_and_a_month_spelling() {
    let mut rules = RuleFiles::embedded();
    let currencies =
        rules.get("numbers/currencies.csv").unwrap().to_string() + "كواشا,كواشا,ZMW,1\n";
    rules.insert("numbers/currencies.csv", currencies);
    let months = rules.get("numbers/months.csv").unwrap().to_string() + "ينار,1,gregorian,yes\n";
    rules.insert("numbers/months.csv", months);
    let extractor = Extractor::new(&rules).unwrap();
    let ms = extractor.extract(
        "t",
        "وبلغت الكلفة 300 كواشا في ينار 2020.",
        &ExtractOptions::default(),
    );
    let found: Vec<(String, String)> = ms
        .iter()
        .map(|m| (m.text.clone(), m.value.to_string()))
        .collect();
    assert!(
        found.contains(&(
            "300 كواشا".to_string(),
            r#"{"amount":300,"currency":"ZMW"}"#.to_string()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&("ينار 2020".to_string(), r#""2020-01""#.to_string())),
        "{found:?}"
    );
}
