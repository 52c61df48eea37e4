//! Table-driven cases for numeric classes that Wikipedia-style text (no
//! dateline; WikiFANE decisions 59-66 of gold/GUIDELINES.md) writes often:
//! ages, seasons without a year, years in an imprint after a place. Each row
//! a sentence written for this file with the expected span (found by its
//! text), label and value, or a negative row where the span must not carry
//! that label. A table fails with every row that went wrong.

#[path = "support/classes.rs"]
mod classes;

use classes::check;

#[test]
fn ages_seasons_and_imprint_years() {
    check(
        "wikipedia dates",
        &[
            (
                "انضم إلى النادي وهو في الـ16 من عمره.",
                "الـ16 من عمره",
                Some("DATE"),
                r#""P16Y""#,
            ),
            (
                "بدأ الغناء في الخامسة من عمرها.",
                "الخامسة من عمرها",
                Some("DATE"),
                r#""P5Y""#,
            ),
            (
                "توفي عن 80 من العمر في قريته.",
                "80 من العمر",
                Some("DATE"),
                r#""P80Y""#,
            ),
            (
                "يبلغ الأطفال 12 من عمرهم عند التخرج.",
                "12 من عمرهم",
                Some("DATE"),
                r#""P12Y""#,
            ),
            ("أنفق 16 من أمواله على الكتب.", "16 من أمواله", None, "DATE"),
            (
                "تهب الرياح العاتية في الشتاء على السواحل.",
                "الشتاء",
                Some("DATE"),
                r#""XXXX-WI""#,
            ),
            (
                "تزدهر الحدائق خلال الربيع في المدينة.",
                "الربيع",
                Some("DATE"),
                r#""XXXX-SP""#,
            ),
            (
                "اندلعت احتجاجات الربيع العربي في تونس.",
                "الربيع",
                None,
                "DATE",
            ),
            ("شارك في الربيع العربي شباب كثيرون.", "الربيع", None, "DATE"),
            (
                "صدر الديوان عن دار رياض الريس، بيروت، 2005 وقد ترجم لاحقا.",
                "2005",
                Some("DATE"),
                r#""2005""#,
            ),
            (
                "نشرت الرواية في القاهرة، 1998.",
                "1998",
                Some("DATE"),
                r#""1998""#,
            ),
            (
                "قال الوزير، 2000 شخص قتلوا في الهجوم.",
                "2000",
                None,
                "DATE",
            ),
            (
                "بلغ عدد السكان في المدينة، 1500 نسمة.",
                "1500",
                None,
                "DATE",
            ),
            ("وصل عدد الطلاب، 1990 طالبا.", "1990", None, "DATE"),
            (
                "صدر كتابه الأول عن دار الآداب، بيروت، 1972.",
                "1972",
                Some("DATE"),
                r#""1972""#,
            ),
        ],
    );
}
