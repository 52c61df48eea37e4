//! Organization heads in context: an organization head kept with its
//! construct chain (`[وزارة الاقتصاد والمالية]`), a descriptor dropped
//! before a bare name (`شركة [هواوي]`, `وكالة [موديز]`), an institution
//! head kept before one (`[كلية بيمبروك]`), and a bracketed alias right
//! after an organization (`(...)`). Called from the trigger
//! rules in `context_rules.rs`.

use super::context_rules::is_nisba_shaped;
use super::*;

impl NameRecognizer {
    /// Organization head kept: head + construct chain of ال-words, a known
    /// place, NORP adjectives, `و`+ال conjuncts (`وزارة الاقتصاد والمالية`).
    pub(super) fn org_with_head(
        &self,
        d: &Doc<'_>,
        start: usize,
        after: usize,
        strength: HeadStrength,
    ) -> Option<Vec<Mention>> {
        let a = d.a;
        let descriptor = strength == HeadStrength::Descriptor;
        // A known organization after a descriptor stands alone
        // (`فريق [الرجاء البيضاوي]`): the lexicon has it, the head is dropped.
        if descriptor
            && self
                .gaz_matches(d, after, false)
                .iter()
                .any(|m| m.payload.label == Label::Org)
        {
            return None;
        }
        let mut j = after;
        let mut last = None;
        // Only bare nouns since the head (a construct chain). A definite
        // head governs no genitive: a bare word after it begins the next
        // phrase (`النادي | جماهير الأهلي`, `الجمعية | يعطي`).
        let mut bare_run = !(after > 0 && d.has_article(after - 1));
        // Where a purpose complement begins (`الهيئة العليا [للإغاثة]`).
        // None in a quoted title, the quoted rules' (`مسلسل "مدرسة الروابي
        // للبنات"`, a work).
        let mut purpose_at = None;
        let head = (0..after).rev().find(|&k| a.tokens()[k].start <= start);
        let quoted = head.is_some_and(|h| h > 0 && matches!(a.light(h - 1), "\"" | "«" | "“"));
        // A company's descriptor (`البنك`, `الشركة`) takes `ل` + a verbal
        // noun as the sentence's purpose (`البنك التجاري | لتحقيق النجاح`),
        // not as its remit. Looked up once, when first asked (most chains
        // never reach a purpose complement).
        let remit_cell = std::cell::OnceCell::new();
        let remit_head = || {
            *remit_cell.get_or_init(|| {
                head.is_some_and(|h| {
                    !self
                        .trigger_matches(d, h, true)
                        .iter()
                        .any(|t| t.payload.has(TriggerKind::OrgDescriptor))
                })
            })
        };
        // The lexicon's matches at the head: the same at every word of the
        // loop, looked up at the first that asks.
        let head_matches = std::cell::OnceCell::new();
        while j < a.len() && j - after < 5 {
            if d.is_stop(j) {
                break;
            }
            // A person's title before a name ends the organization
            // (`حزب الله | السيد حسن نصر الله`).
            if last.is_some() && self.title_before_name(d, j) {
                break;
            }
            let key = a.key(j);
            // `والمالية` continues a name; `والحكومة` (another head), `والتي`
            // (a relative) and any conjunct after a nationality adjective,
            // which closes the name (`منظمة التحرير الفلسطينية | والحكومة`),
            // start a new phrase.
            // A conjunct that is a known name of its own is the next
            // entity (`الاتحاد الأوروبي | والصين`).
            let conj_al = super::org_rules::is_definite_conjunct(key)
                && self.vocab.own(&key["و".len()..]) & (flag::TRIGGER | flag::STOP) == 0
                && !(last == Some(j - 1) && d.is_norp(j - 1))
                && self.gaz_matches(d, j, true).is_empty();
            // A place is the genitive of the head or of a bare noun
            // (`بنك الصين`), never after a definite word (`مجلس الوزراء التزام لبنان`).
            let known_place = bare_run
                .then(|| {
                    self.gaz_matches(d, j, false)
                        .into_iter()
                        .find(|m| matches!(m.payload.label, Label::Gpe | Label::Loc))
                })
                .flatten();
            if let Some(place) = known_place {
                last = Some(place.end - 1);
                bare_run = false;
                j = place.end;
                continue;
            }
            if d.any(j, flag::PRONOUN_SUFFIX) {
                break;
            }
            // After a nationality adjective or a name word (`الفرنسية`,
            // `الله`), a definite ordinary noun that is no adjective begins
            // the next phrase (`وكالة الأنباء الفرنسية | الخبر`).
            // Adjective-shaped: a nisba or feminine ending, or a participle
            // (`الموحد`). After a nationality adjective only a nisba or a
            // participle goes on (`البنك المركزي المصري | الفائدة`).
            let participle = key.starts_with("\u{0627}\u{0644}\u{0645}");
            let nisba_shaped =
                if d.is_norp(j.saturating_sub(1)) || self.sector_word(d, j.saturating_sub(1)) {
                    is_nisba_shaped(key) || participle || d.any(j, flag::RANK)
                } else {
                    ['\u{064A}', '\u{0647}'].iter().any(|&c| key.ends_with(c)) || participle
                };
            if d.has_article(j)
                && last == Some(j - 1)
                && d.any(j, flag::COMMON)
                && !nisba_shaped
                && (d.is_norp(j - 1) || !d.any(j - 1, flag::COMMON) || self.sector_word(d, j - 1))
            {
                break;
            }
            // A sector word continues a begun name (`الهيئة العربية للتصنيع`).
            let sector = last.is_some() && self.sector_word(d, j);
            // A definite word takes no genitive: after one, a definite word
            // that is no adjective begins the next phrase, as does another
            // organization's head (`مجلس الأمن | المجلس الاقتصادي`,
            // `حزب العمال | السلطة`, `المجلس التشريعي | التنازل`).
            if last == Some(j - 1)
                && j > after
                && d.has_article(j - 1)
                && d.has_article(j)
                && !sector
                && !d.is_norp(j)
                && (d.is_descriptor(j) || !(adjective_like(key) || d.any(j, flag::RANK)))
            {
                break;
            }
            // A listed name is whole: `ل` after it begins another phrase
            // (`[الاتحاد الأوروبي] للفترة`).
            // (Asked last in each test below: it is the costly one, and
            // every test is a pure function of the document.)
            let listed = || {
                head.is_some_and(|h| {
                    head_matches
                        .get_or_init(|| self.gaz_matches(d, h, true))
                        .iter()
                        .any(|m| m.end == j)
                })
            };
            // After a listed name only a nisba adjective goes on (`مجلس
            // النواب العراقي`); a definite noun is the verb's object
            // (`أحالت [النيابة العامة] الملف`).
            if d.has_article(j) && !is_nisba_shaped(key) && !d.is_norp(j) && listed() {
                break;
            }
            if !sector
                && !descriptor
                && !quoted
                && self.purpose_complement(d, after, last, j, &remit_head)
                && !listed()
            {
                purpose_at.get_or_insert(j);
                last = Some(j);
                // `لتنفيذ` governs what follows (`لتنفيذ حل الدولتين`).
                bare_run = remit_head() && self.bare_purpose(d, j);
                j += 1;
                continue;
            }
            if d.has_article(j) || sector || (conj_al && last.is_some()) {
                last = Some(j);
                bare_run = false;
                j += 1;
                continue;
            }
            // A bare noun inside a construct chain (`اتحاد صناعة السيارات`),
            // not a preposition + noun (`البنك بالإصلاحات المالية`).
            if !descriptor
                && bare_run
                && !d.any(j, flag::CLITIC_COMMON | flag::TRIGGER)
                && d.has_article(j + 1)
                && !d.is_stop(j + 1)
            {
                j += 1;
                continue;
            }
            break;
        }
        let mut last = last?;
        if d.is_suffix(last + 1) {
            last += 1;
        }
        let alias = self.bracket_alias(d, last + 1);
        if strength != HeadStrength::Strong {
            // A generic descriptor (`شبكة`, `شركة`) + ordinary words is a
            // description, not a name, unless something vouches for it: a
            // known place, an uncommon word, or a bracketed alias after it.
            let chain_end = if d.is_suffix(last) { last } else { last + 1 };
            // A known event after the head is no evidence: `تنظيم [الألعاب
            // الأولمبية]` is organizing the games, no organization.
            // After a generic descriptor a nationality says whose the thing
            // is (`فريق العاصمة الإسبانية`, "the Spanish capital's team"),
            // no name.
            // (Looked up last, when nothing cheaper vouched.)
            let known = || {
                (after..=last).any(|k| {
                    self.gaz_matches(d, k, false).iter().any(|m| {
                        m.payload.label != Label::Misc
                            && !(descriptor && m.payload.label == Label::Norp)
                    })
                })
            };
            let uncommon = (after..chain_end)
                .any(|k| !(d.any(k, flag::COMMON) || (descriptor && d.is_norp(k))));
            // A purpose complement after a described head names an
            // institution (`[الهيئة العليا المستقلة للانتخابات]`,
            // `[المركز الوطني للدراسات الفضائية]`): sector words are data.
            let purpose = purpose_at.is_some_and(|k| k <= last)
                || (after + 1..=last).any(|k| self.sector_word(d, k) && !d.is_stop(k));
            // A purpose head (`المركز`, also a facility's) names an
            // institution only with a purpose complement; otherwise the
            // facility rule reads it (`[مركز دبي التجاري العالمي]FAC`).
            let evidence = if strength == HeadStrength::Purpose {
                purpose
            } else {
                alias.is_some() || purpose || (chain_end - after >= 2 && uncommon) || known()
            };
            // A definite head with only nationality adjectives describes
            // (`الصحيفة الإسرائيلية`, `الجيش الأميركي`); it names nothing.
            // After an indefinite descriptor the word is the name itself,
            // which stands alone (`فريق [العربي]`, the club).
            let definite_head = after > 0 && d.has_article(after - 1);
            let only_nationality = (after..chain_end).all(|k| d.is_norp(k));
            // A rank describes the holder (`المؤسسة المالية الأولى`, "the
            // first financial institution"): a superlative, no name.
            let ranked = (after..=last).any(|k| d.any(k, flag::RANK) && d.has_article(k));
            if ranked {
                // The bracketed name after the description still names it
                // (`لنادي الدرجة الثانية ([Triestina])`).
                return alias.map(|a| vec![a]);
            }
            if !evidence || ((definite_head || descriptor) && only_nationality && alias.is_none()) {
                return None;
            }
        }
        let m = self.trigger_mention(d, start, a.tokens()[last].end, Label::Org, "name/org-head");
        let mut out = vec![m];
        out.extend(alias);
        Some(out)
    }

    /// Token `k`'s key is a sector word (`org_sectors.csv`). The vocabulary
    /// flags every sector word: a word token without the flag is none, and
    /// is not looked up.
    fn sector_word(&self, d: &Doc<'_>, k: usize) -> bool {
        (d.any(k, flag::ORG_SECTOR) || !d.is_word(k)) && self.org_sectors.contains(d.a.key(k))
    }

    /// A purpose complement at `j` after a described head: `لل` + a noun
    /// after the head's definite adjectives (`[الهيئة العليا للإغاثة]`,
    /// `[الهيئة الملكية الأردنية للأفلام]`), the remit that makes the
    /// description an institution's name, as a listed sector word does
    /// (`للتنمية`). Not after a noun (`الوزارة الحصيلة النهائية للحملة`:
    /// the verb's object), nor right after a participle, which takes `ل`
    /// for its object (`اللجنة المنظمة للبطولة`, "organizing the
    /// championship"); a head with no adjective is read by its own rules,
    /// and a generic descriptor (`الموقع الجغرافي للمنطقة`) takes none.
    /// When `remit_head()` (no company's descriptor; asked only here),
    /// `ل` + a bare verbal noun is one too ([`Self::bare_purpose`]).
    fn purpose_complement(
        &self,
        d: &Doc<'_>,
        after: usize,
        last: Option<usize>,
        j: usize,
        remit_head: &dyn Fn() -> bool,
    ) -> bool {
        let a = d.a;
        let Some(prev) = last.filter(|&l| l + 1 == j && l >= after) else {
            return false;
        };
        let key = a.key(j);
        let adjectives = (after..=prev).all(|k| {
            let key = a.key(k);
            d.has_article(k) && (d.is_norp(k) || adjective_shaped(key) || is_participle(key))
        });
        adjectives
            && !is_participle(a.key(prev))
            && ((key.starts_with("\u{0644}\u{0644}") && key.chars().count() > 4)
                || (remit_head() && self.bare_purpose(d, j)))
            && !d.is_stop(j)
            && !d.any(j, flag::PRONOUN_SUFFIX)
    }

    /// `ل` + a bare verbal noun governing a definite one, the remit as a
    /// construct (`[الهيئة العامة لمكافحة الفساد]`, `[التحالف الدولي لتنفيذ
    /// حل الدولتين]`): the bare noun is no listed name (`لمصر`), and a
    /// definite word follows it, or one more bare noun and then one.
    fn bare_purpose(&self, d: &Doc<'_>, j: usize) -> bool {
        let a = d.a;
        let key = a.key(j);
        let definite_at = |k: usize| k < a.len() && d.has_article(k) && !d.is_stop(k);
        key.starts_with('\u{0644}')
            && !key.starts_with("\u{0644}\u{0644}")
            && key.chars().count() >= 5
            && self.gaz_matches(d, j, true).is_empty()
            && (definite_at(j + 1)
                || (j + 1 < a.len()
                    && d.is_word(j + 1)
                    && !d.is_stop(j + 1)
                    && !d.has_article(j + 1)
                    && definite_at(j + 2)))
    }

    /// A person's title at `j` with a name after it (`السيد حسن`): the
    /// title of the person who follows, not a word of the name before it.
    fn title_before_name(&self, d: &Doc<'_>, j: usize) -> bool {
        self.trigger_matches(d, j, false).iter().any(|t| {
            t.payload.has(TriggerKind::PersonTitle)
                && t.end < d.a.len()
                && d.is_word(t.end)
                && !d.has_article(t.end)
                && !d.is_stop(t.end)
        })
    }

    /// Descriptor dropped before a bare name: `شركة [هواوي]`,
    /// `شركة الاتصالات [هواوي]`, `وكالة [موديز]`.
    pub(super) fn org_after_descriptor(&self, d: &Doc<'_>, after: usize) -> Option<Vec<Mention>> {
        let a = d.a;
        let mut j = after;
        // Up to two sector words (`الاتصالات`, `النفط`) or nationality
        // adjectives (`وكالة الأنباء القطرية قنا`): ordinary words. A definite
        // word that may be a name is the name, not a sector; so is a
        // nationality word right after an indefinite descriptor, which it
        // cannot qualify (`فريق العربي`, the club).
        let definite_head = after > 0 && d.has_article(after - 1);
        while j < a.len() && j - after < 2 && d.has_article(j) && !d.is_stop(j) {
            let adjective = d.is_norp(j) && (j > after || definite_head);
            if !(d.any(j, flag::COMMON) || adjective) {
                break;
            }
            j += 1;
        }
        if j >= a.len() || !self.is_bare_proper(d, j) {
            return None;
        }
        // A word right before a quoted name is the kind of thing named, the
        // quotation the name (`شبكة أقمار "[كايبر]"`).
        if j + 1 < a.len() && matches!(a.light(j + 1), "\"" | "«" | "“") {
            return None;
        }
        // Right after a definite head the bare word is the predicate
        // (`الشركة لعبت`, `البنك مخازن`), not a name; an indefinite nisba or
        // a sector noun describes the head (`شركة وطنية`, `شركة طيران`).
        if (definite_head && j == after && d.is_descriptor(after - 1))
            || (is_nisba_shaped(a.key(j))
                && (d.is_norp(j)
                    || !self
                        .gaz_matches(d, j, false)
                        .iter()
                        .any(|m| m.payload.label == Label::Org)))
            || self.org_sectors.is_sector_noun(a.key(j))
        {
            return None;
        }
        let first = j;
        let mut last = j;
        if let Some(known) = self
            .gaz_matches(d, j, false)
            .into_iter()
            .find(|m| m.payload.label == Label::Org)
        {
            last = known.end - 1;
        } else if let Some(place) = self
            .gaz_matches(d, j, false)
            .into_iter()
            .filter(|m| matches!(m.payload.label, Label::Gpe | Label::Loc))
            .max_by_key(|m| m.end)
        {
            // A known place is the whole name (`نادي [برشلونة] تحفيز`): the
            // word after it begins the next phrase.
            last = place.end - 1;
        } else {
            while last + 1 < a.len()
                && last + 1 - first < 2
                && !a.key(last + 1).starts_with('و')
                && !d.any(last + 1, flag::PRONOUN_SUFFIX)
                && self.is_bare_proper(d, last + 1)
            {
                last += 1;
            }
        }
        let mut named = self.span(d, first, last, Label::Org, "name/org-descriptor");
        named.priority = priority::CONTEXT;
        let mut out = vec![named];
        out.extend(self.bracket_alias(d, last + 1));
        // Coordinated names under the same descriptor: `شركة هواوي و[زد]`.
        let mut k = last + 1;
        while k < a.len()
            && d.is_word(k)
            && a.key(k).starts_with('و')
            && !d.any(k, flag::PRONOUN_SUFFIX)
        {
            let stem_key = &a.key(k)["و".len()..];
            let proper = stem_key.chars().nth(1).is_some()
                && !stem_key.starts_with("ال")
                && self.vocab.own(stem_key)
                    & (flag::COMMON | flag::STOP | flag::TRIGGER | flag::GAZ_WORD)
                    == 0;
            if !proper {
                break;
            }
            let start = a.orig_offset(k, 1);
            let mut m = self.trigger_mention(
                d,
                start,
                a.tokens()[k].end,
                Label::Org,
                "name/org-descriptor",
            );
            if d.ctx.explain {
                m.evidence = "coordinated with a name after the same descriptor".into();
            }
            out.push(m);
            k += 1;
        }
        Some(out)
    }

    /// An indefinite institution head kept before a bare proper name
    /// (`[مدرسة ايجلبروك]`, `[اكاديمية ديرفيلد]`; decision 58). A known place after the head is the construct chain's
    /// (`[جامعة القاهرة]`, read by the head rules), and a Latin name after
    /// it stands alone (decision 58: `دار [ARC Publications]`).
    pub(super) fn institution_with_name(
        &self,
        d: &Doc<'_>,
        head: usize,
        start: usize,
        after: usize,
    ) -> Option<Vec<Mention>> {
        let a = d.a;
        if d.has_article(head)
            || !self.is_bare_proper(d, after)
            || a.key(after)
                .chars()
                .next()
                .is_some_and(super::latin_gloss::is_latin_letter)
            || self
                .gaz_matches(d, after, false)
                .iter()
                .any(|m| m.payload.label != Label::Person)
        {
            return None;
        }
        let mut found = self.org_after_descriptor(d, after)?;
        // The name and its bracketed alias; a conjunct after the name is no
        // second institution of the head (`مدرسة ادموند ولاش`, one name).
        let alias = found
            .get(1)
            .is_some_and(|m| m.rule.as_str() == "name/org-alias");
        found.truncate(1 + usize::from(alias));
        let named = found.first_mut()?;
        named.start = start;
        named.rule = "name/org-institution".into();
        named.priority = priority::TRIGGER;
        Some(found)
    }

    /// The bracketed alias after a listed organization
    /// (`[الاتحاد الإفريقي لكرة القدم] ([كاف])`): as [`Self::bracket_alias`],
    /// with words only, so a count or a listed place in brackets
    /// (`(27 دولة)`, `(نيويورك)`) stays what it is.
    pub(super) fn listed_org_alias(&self, d: &Doc<'_>, j: usize) -> Option<Mention> {
        let alias = self.bracket_alias(d, j)?;
        let a = d.a;
        let words = (j + 1..a.len())
            .take_while(|&k| a.tokens()[k].start < alias.end)
            .all(|k| d.is_word(k) && !a.key(k).chars().any(|c| c.is_ascii_digit()));
        let listed_other = self
            .gaz_matches(d, j + 1, false)
            .iter()
            .any(|m| m.payload.label != Label::Org);
        (words && !listed_other).then_some(alias)
    }

    /// `(` bare words `)` right after an organization: its alias, also ORG.
    pub(super) fn bracket_alias(&self, d: &Doc<'_>, j: usize) -> Option<Mention> {
        let a = d.a;
        if j + 2 >= a.len() || a.light(j) != "(" {
            return None;
        }
        let mut k = j + 1;
        while k < a.len() && k - j <= 3 && !d.is_stop(k) {
            k += 1;
        }
        if k == j + 1 || k >= a.len() || a.light(k) != ")" {
            return None;
        }
        let mut m = self.span(d, j + 1, k - 1, Label::Org, "name/org-alias");
        if d.ctx.explain {
            m.evidence = "bracketed alias after an organization".into();
        }
        Some(m)
    }
}

/// A definite word shaped like an adjective of an institution's name, as
/// keyed: a nisba (`الوطنيه`), the feminine active participle of a
/// three-letter root (`العامه`, `الخاصه`, `القابضه`, `الدائمه`) or the
/// feminine elative (`العليا`). A noun of another shape (`الحصيله`) is not.
fn adjective_shaped(key: &str) -> bool {
    let Some(stem) = key.strip_prefix("\u{0627}\u{0644}") else {
        return false;
    };
    let c: Vec<char> = stem.chars().collect();
    let active_participle =
        matches!(c.len(), 4 | 5) && c[1] == '\u{0627}' && c[c.len() - 1] == '\u{0647}';
    let elative = c.len() == 4 && stem.ends_with("\u{064A}\u{0627}");
    is_nisba_shaped(key) || active_participle || elative
}

/// A definite word shaped like any adjective, as keyed: those of
/// [`adjective_shaped`], a participle of a derived verb (`المتحده`,
/// `المستقل`), the active participle of a three-letter root (`الحاكم`),
/// an elative or colour (`الاعلي`, `الاحمر`) and the فعيل shape
/// (`الجديد`, `الكبيره`), a nisba plural (`الاردنيين`) and a short
/// feminine (`الحره`). A noun of another shape (`السلطه`, `التنازل`) is
/// not.
pub(super) fn adjective_like(key: &str) -> bool {
    let Some(stem) = key.strip_prefix("\u{0627}\u{0644}") else {
        return false;
    };
    let c: Vec<char> = stem.chars().collect();
    let masculine_participle = c.len() == 4 && c[1] == '\u{0627}';
    let elative = c.len() == 4 && c[0] == '\u{0627}';
    let faeel =
        matches!(c.len(), 4 | 5) && c[2] == '\u{064A}' && (c.len() == 4 || c[4] == '\u{0647}');
    // `الحره`: the feminine of a doubled root (`التجاره الحره`).
    let short_feminine = c.len() == 3 && c[2] == '\u{0647}';
    let nisba_plural =
        stem.ends_with("\u{064A}\u{064A}\u{0646}") || stem.ends_with("\u{064A}\u{0648}\u{0646}");
    adjective_shaped(key)
        || is_participle(key)
        || masculine_participle
        || elative
        || faeel
        || nisba_plural
        || short_feminine
}

/// A definite participle of a derived verb (`المنظمه`, `المستقله`), as keyed.
fn is_participle(key: &str) -> bool {
    key.starts_with("\u{0627}\u{0644}\u{0645}")
}
