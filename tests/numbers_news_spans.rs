//! Table-driven cases for the numeric classes of issue #14 (numbers on real
//! news) about where a span starts and stops: identifiers that carry no
//! number, words the guidelines keep outside a span, durations that need a
//! cue. Each row a sentence written for this file with the expected span
//! (found by its text), label and value, and negative rows where the span
//! must not carry that label. A table fails with every row that went wrong.

#[path = "support/classes.rs"]
mod classes;

use classes::check;

#[test]
fn identifiers_carry_no_number() {
    check(
        "identifiers",
        &[
            (
                "دعا البيان إلى تطبيق القرار 2334 كاملا.",
                "2334",
                None,
                "CARDINAL",
            ),
            (
                "أشار المتحدث إلى القرار 242 الصادر عام 1967.",
                "242",
                None,
                "CARDINAL",
            ),
            (
                "ارتدى المهاجم القميص رقم 10 في المباراة.",
                "10",
                None,
                "CARDINAL",
            ),
            (
                "يمكن الإبلاغ عبر الخط الساخن 115 على مدار الساعة.",
                "115",
                None,
                "CARDINAL",
            ),
            (
                "تنص المادة 12 من الدستور على المساواة.",
                "12",
                None,
                "CARDINAL",
            ),
            ("هبطت الرحلة 370 في مطار القاهرة.", "370", None, "CARDINAL"),
            ("وقعت شركة A320 عقدا جديدا.", "320", None, "CARDINAL"),
            (
                "استخدم الجيش صواريخ \"كورنيت 5\" في الهجوم.",
                "5",
                None,
                "CARDINAL",
            ),
            (
                "أطلقت الوكالة المركبة \"سويوز 2\" إلى المحطة.",
                "2",
                None,
                "CARDINAL",
            ),
            (
                "يعمل المصنع على طراز \"توسان 3\" الجديد.",
                "3",
                None,
                "CARDINAL",
            ),
            // Positives: counts stay counts, years in quoted names stay years.
            ("قتل 12 شخصا في الهجوم.", "12", Some("CARDINAL"), "12"),
            (
                "باع المعرض 300 سيارة خلال الشهر.",
                "300",
                Some("CARDINAL"),
                "300",
            ),
            (
                "شارك في \"مؤتمر 2030\" وزراء عرب.",
                "2030",
                Some("DATE"),
                r#""2030""#,
            ),
            (
                "فاز الفريق \"بـ3 أهداف\" نظيفة.",
                "3",
                Some("CARDINAL"),
                "3",
            ),
            (
                "سجل رقم الهاتف ١٢٣٤٥٦٧٨٩١٠١٢٣١ في القائمة.",
                "١٢٣٤٥٦٧٨٩١٠١٢٣١",
                Some("CARDINAL"),
                "123456789101231",
            ),
            (
                "وصل 4 وزراء إلى \"قمة بغداد\" أمس.",
                "4",
                Some("CARDINAL"),
                "4",
            ),
        ],
    );
}

#[test]
fn words_the_guidelines_keep_outside() {
    check(
        "outside words",
        &[
            // N7: يوم before a weekday.
            (
                "الجزائر 17 فيفري 2024 (واج) - تجتمع اللجنة يوم الأحد المقبل.",
                "الأحد المقبل",
                Some("DATE"),
                r#""2024-02-18""#,
            ),
            (
                "أعلنت النتائج يوم الخميس.",
                "الخميس",
                Some("DATE"),
                r#""XXXX-WXX-4""#,
            ),
            (
                "سافر الوفد ليوم الجمعة.",
                "الجمعة",
                Some("DATE"),
                r#""XXXX-WXX-5""#,
            ),
            ("عقد الاجتماع يوم الاثنين.", "يوم الاثنين", None, "DATE"),
            // A part of the day keeps يوم inside.
            (
                "وصل الوفد صباح يوم الأربعاء.",
                "صباح يوم الأربعاء",
                Some("TIME"),
                r#""XXXX-WXX-3TMO""#,
            ),
            // N13: ما before بين.
            (
                "أصيب ما بين 20 و30 شخصا.",
                "بين 20 و30",
                Some("CARDINAL"),
                r#"{"min":20,"max":30}"#,
            ),
            (
                "تراجع النمو ما بين 2 و3 بالمئة.",
                "بين 2 و3 بالمئة",
                Some("PERCENT"),
                r#"{"min":2,"max":3}"#,
            ),
            (
                "أصيب ما بين 20 و30 شخصا.",
                "ما بين 20 و30",
                None,
                "CARDINAL",
            ),
            // Other modifiers stay inside.
            (
                "تعهدت الدولة بما يصل إلى 200 مليون دولار.",
                "ما يصل إلى 200 مليون دولار",
                Some("MONEY"),
                r#"{"amount":200000000,"currency":"USD"}"#,
            ),
            (
                "بلغ العدد ما يقرب من 40 ألفا.",
                "ما يقرب من 40 ألفا",
                Some("CARDINAL"),
                "40000",
            ),
            (
                "تونس 7 أكتوبر 2024 (وات) - تعلن النتائج قبل موفى شهر أكتوبر.",
                "موفى شهر أكتوبر",
                Some("DATE"),
                r#""2024-10""#,
            ),
            (
                "ظل في منصبه عامين كاملين.",
                "عامين كاملين",
                Some("DATE"),
                r#""P2Y""#,
            ),
            (
                "استمرت الرحلة ثلاثة أيام كاملة.",
                "ثلاثة أيام كاملة",
                Some("DATE"),
                r#""P3D""#,
            ),
            (
                "تكفي الاحتياطيات خمسة أشهر ونصف.",
                "خمسة أشهر ونصف",
                Some("DATE"),
                r#""P5.5M""#,
            ),
            (
                "قطع العداء 10 كيلومترات ونصف.",
                "10 كيلومترات ونصف",
                Some("QUANTITY"),
                r#"{"amount":10.5,"unit":"km"}"#,
            ),
        ],
    );
}

#[test]
fn a_bare_unit_needs_a_duration_cue() {
    check(
        "bare units",
        &[
            ("وصفها بأنها \"لحظة تاريخية\" للبلاد.", "لحظة", None, "TIME"),
            ("احتفل الأردنيون بيوم الاستقلال.", "يوم", None, "DATE"),
            ("تحيي البلاد يوم الشهيد كل عام.", "يوم", None, "DATE"),
            ("بدأت ساعة الصفر للعملية.", "ساعة", None, "TIME"),
            ("كان عام الحزن قاسيا.", "عام", None, "DATE"),
            ("حل يوم جديد على المدينة.", "يوم", None, "DATE"),
            ("وبعد سنة تمت ترقيته.", "سنة", Some("DATE"), r#""P1Y""#),
            (
                "عاد بعد ساعة من المغادرة.",
                "ساعة",
                Some("TIME"),
                r#""PT1H""#,
            ),
            ("أغلق الطريق لمدة أسبوع.", "أسبوع", Some("DATE"), r#""P1W""#),
            ("توقف العمل خلال شهر رمضان.", "شهر", None, "DATE"),
            (
                "انتظر الركاب ساعة كاملة.",
                "ساعة كاملة",
                Some("TIME"),
                r#""PT1H""#,
            ),
            (
                "بقي هناك يوما واحدا.",
                "يوما واحدا",
                Some("DATE"),
                r#""P1D""#,
            ),
            (
                "استغرق الإصلاح ساعة ونصف.",
                "ساعة ونصف",
                Some("TIME"),
                r#""PT1.5H""#,
            ),
            (
                "منذ سنة والمفاوضات متعثرة.",
                "سنة",
                Some("DATE"),
                r#""P1Y""#,
            ),
            ("لحظة.", "لحظة", Some("TIME"), r#""PT1S""#),
        ],
    );
}
