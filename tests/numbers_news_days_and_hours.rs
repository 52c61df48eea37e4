//! Table-driven cases for a day named inside a month given relative to the
//! dateline (`الخامس عشر من الشهر الجاري`, `20 من الشهر المقبل`; rule
//! `date/day-of-month`, GUIDELINES decision 87), and for days past the teens
//! named by their tens word (`العشرين من أبريل`); and a bare hour in digits
//! with a part of the day (`5 صباحا`, `10 ليلا`, `3 بعد الظهر`). Sentences
//! written for this file; negative rows where the span must not carry the
//! label.

#[path = "support/classes.rs"]
mod classes;

use classes::check_formatted;

/// Dateline of every row: 10 March 2025.
const AMMAN: &str = "عمان 10 آذار 2025 (بترا) - ";

#[test]
fn a_day_of_the_current_next_or_last_month() {
    let row =
        |sentence: &str, span: &'static str, label: Option<&'static str>, value: &'static str| {
            (format!("{AMMAN}{sentence}"), span, label, value)
        };
    let rows = vec![
        row(
            "تبدأ الامتحانات في الخامس عشر من الشهر الجاري.",
            "الخامس عشر من الشهر الجاري",
            Some("DATE"),
            r#""2025-03-15""#,
        ),
        row(
            "يعقد المؤتمر في 20 من الشهر المقبل في العقبة.",
            "20 من الشهر المقبل",
            Some("DATE"),
            r#""2025-04-20""#,
        ),
        row(
            "وقع الانفجار في الثالث من الشهر الماضي.",
            "الثالث من الشهر الماضي",
            Some("DATE"),
            r#""2025-02-03""#,
        ),
        row(
            "تنتهي المهلة في العاشر من هذا الشهر.",
            "العاشر من هذا الشهر",
            Some("DATE"),
            r#""2025-03-10""#,
        ),
        row(
            "أعلنت الوزارة أن الدوام يعود يوم 16 من الشهر الحالي.",
            "يوم 16 من الشهر الحالي",
            Some("DATE"),
            r#""2025-03-16""#,
        ),
        row(
            "وصل الوفد في الحادي والعشرين من الشهر الماضي.",
            "الحادي والعشرين من الشهر الماضي",
            Some("DATE"),
            r#""2025-02-21""#,
        ),
        row(
            "ستجري الانتخابات في الثلاثين من الشهر القادم.",
            "الثلاثين من الشهر القادم",
            Some("DATE"),
            r#""2025-04-30""#,
        ),
        row(
            "بدأ الإضراب في العشرين من الشهر الماضي.",
            "العشرين من الشهر الماضي",
            Some("DATE"),
            r#""2025-02-20""#,
        ),
        row(
            "صدر القرار في اليوم الأول من الشهر الجاري.",
            "اليوم الأول من الشهر الجاري",
            Some("DATE"),
            r#""2025-03-01""#,
        ),
        row(
            "يغلق المعبر في 5 من الشهر المقبل.",
            "5 من الشهر المقبل",
            Some("DATE"),
            r#""2025-04-05""#,
        ),
        // A day the month does not have: the span, no value.
        row(
            "أرجئ الاجتماع إلى الثلاثين من الشهر الماضي.",
            "الثلاثين من الشهر الماضي",
            Some("DATE"),
            "null",
        ),
        // The tens word names a day of a month by name too.
        row(
            "افتتح المعرض في العشرين من نيسان.",
            "العشرين من نيسان",
            Some("DATE"),
            r#""2025-04-20""#,
        ),
        row(
            "ولد في الثلاثين من أيلول 1980.",
            "الثلاثين من أيلول 1980",
            Some("DATE"),
            r#""1980-09-30""#,
        ),
        // Negatives: a feminine ordinal counts something else, an ordinal
        // after another noun is its adjective, and the tens half of a
        // compound is no day of its own.
        row(
            "فاز الفريق للمرة الثانية من الشهر الجاري.",
            "الثانية من الشهر الجاري",
            None,
            "DATE",
        ),
        row(
            "خسر في الجولة الثالث من الشهر الجاري.",
            "الثالث من الشهر الجاري",
            None,
            "DATE",
        ),
        row(
            "تحدث في العدد الخامس من الشهر الجاري.",
            "الخامس من الشهر الجاري",
            None,
            "DATE",
        ),
        row(
            "نشر المقال في الساعة الثانية والعشرين من يوم أمس.",
            "العشرين من يوم",
            None,
            "DATE",
        ),
        row("حصل على 17 من أصل 30 نقطة.", "17", Some("CARDINAL"), "17"),
        row(
            "وصل العشرون من المتظاهرين.",
            "العشرون من المتظاهرين",
            None,
            "DATE",
        ),
        // The news idiom without the month noun, a weekday before the day,
        // and the article written apart before the digits.
        row(
            "تنطلق القمة في 15 الجاري في عمان.",
            "15 الجاري",
            Some("DATE"),
            r#""2025-03-15""#,
        ),
        row(
            "تبدأ الدورة في 3 المقبل.",
            "3 المقبل",
            Some("DATE"),
            r#""2025-04-03""#,
        ),
        row(
            "اجتمع المجلس يوم الخميس 27 الجاري.",
            "الخميس 27 الجاري",
            Some("DATE"),
            r#""2025-03-27""#,
        ),
        row(
            "تعقد الجلسة يوم الأحد، الموافق 16 من الشهر الجاري.",
            "الأحد، الموافق 16 من الشهر الجاري",
            Some("DATE"),
            r#""2025-03-16""#,
        ),
        row(
            "صدر البيان في الـ12 من الشهر الجاري.",
            "الـ12 من الشهر الجاري",
            Some("DATE"),
            r#""2025-03-12""#,
        ),
        // A count before another relative period is no day.
        row(
            "قتل 15 الأسبوع الماضي في المواجهات.",
            "15",
            Some("CARDINAL"),
            "15",
        ),
        row("زار 12 العام الماضي المدينة.", "12", Some("CARDINAL"), "12"),
        // The month itself stays a date when no day comes before it.
        row(
            "ترتفع الأسعار خلال الشهر الجاري.",
            "الشهر الجاري",
            Some("DATE"),
            r#""2025-03""#,
        ),
    ];
    check_formatted("days of a relative month", &rows);
}

#[test]
fn a_bare_hour_with_a_part_of_the_day_is_a_time() {
    let row = |sentence: &str,
               span: &'static str,
               label: Option<&'static str>,
               value: &'static str| { (sentence.to_string(), span, label, value) };
    let rows = vec![
        row(
            "انطلقت القافلة في 5 صباحا من المعبر.",
            "5 صباحا",
            Some("TIME"),
            r#""T05:00""#,
        ),
        row(
            "بدأ القصف عند 10 ليلا واستمر ساعات.",
            "10 ليلا",
            Some("TIME"),
            r#""T22:00""#,
        ),
        row(
            "يفتح المتحف أبوابه في 9 صباحا.",
            "9 صباحا",
            Some("TIME"),
            r#""T09:00""#,
        ),
        row(
            "عقدت الجلسة في 3 بعد الظهر.",
            "3 بعد الظهر",
            Some("TIME"),
            r#""T15:00""#,
        ),
        row(
            "وصلت الطائرة في 4 عصرا إلى المطار.",
            "4 عصرا",
            Some("TIME"),
            r#""T16:00""#,
        ),
        row(
            "يبدأ حظر التجول في 8 مساء كل يوم.",
            "8 مساء",
            Some("TIME"),
            r#""T20:00""#,
        ),
        row(
            "استيقظ السكان على دوي انفجار في 3 فجرا.",
            "3 فجرا",
            Some("TIME"),
            r#""T03:00""#,
        ),
        row(
            "أغلقت الصناديق في ٧ مساء بالتوقيت المحلي.",
            "٧ مساء",
            Some("TIME"),
            r#""T19:00""#,
        ),
        row(
            "يستمر الدوام من 8 صباحا حتى 2 ظهرا.",
            "من 8 صباحا حتى 2 ظهرا",
            Some("TIME"),
            r#""T08:00/T14:00""#,
        ),
        row(
            "تنطلق المباراة في 11 ليلا بتوقيت مكة.",
            "11 ليلا",
            Some("TIME"),
            r#""T23:00""#,
        ),
        row(
            "يصل القطار في 12 ظهرا.",
            "12 ظهرا",
            Some("TIME"),
            r#""T12:00""#,
        ),
        row(
            "انتهى الاجتماع في الساعة 6 مساء.",
            "الساعة 6 مساء",
            Some("TIME"),
            r#""T18:00""#,
        ),
        // Negatives: a count with its noun before the part of the day, an
        // hour past twelve, a number that is no hour.
        row("قتل 5 أشخاص صباحا في هجوم.", "5", Some("CARDINAL"), "5"),
        row("سجلت 15 حالة مساء أمس.", "15", Some("CARDINAL"), "15"),
        row("وقع 14 مساء في الفخ.", "14 مساء", None, "TIME"),
        row("اعتقل 40 شخصا ليلا.", "40", Some("CARDINAL"), "40"),
        row("عاد 5 صباح اليوم إلى منازلهم.", "5 صباح", None, "TIME"),
    ];
    check_formatted("bare hours with a part of the day", &rows);
}
