//! The context rules of the names layer: the trigger dispatch, titles and
//! speech verbs before a person, clubs named after their city, person
//! lists, place and facility heads, and MISC heads before a quoted name.
//! Organization heads and descriptors live in `org_heads.rs`. Each rule
//! reads the tokens around a trigger and proposes mentions; conflicts are
//! settled later.

use super::*;

impl NameRecognizer {
    /// Trigger rules: titles, organization heads and descriptors, place
    /// heads, facility heads, MISC heads before a quoted name.
    pub(super) fn triggers_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let matches = self.trigger_matches(d, i, true);
        let Some(m) = matches.first() else {
            return;
        };
        let after = m.end;
        // A title after a name in apposition (`[X] وزيرة …`).
        if !m.clitic && m.payload.has(TriggerKind::PersonTitle) {
            self.appositive_person_at(d, i, out);
        }
        // A descriptor before a bare name (`شركة [توتال]`) or a known
        // organization (`صحيفة [الأهرام]`) is no head of that name.
        // An official-name head before a place is the name's own word
        // (`[بنك مصر]`, like `[بنك الصين]`), no descriptor of the place.
        let official_before_place = m.payload.has(TriggerKind::OrgHeadStrong)
            && self
                .gaz_matches(d, after, false)
                .iter()
                .any(|g| matches!(g.payload.label, Label::Gpe | Label::Loc));
        // The name after a descriptor, found once: the test below and the
        // descriptor's rule (run once: an entry lists a kind once) want it.
        let descriptor_rule = m.payload.has(TriggerKind::OrgDescriptor) && !official_before_place;
        let mut after_descriptor = descriptor_rule
            .then(|| self.org_after_descriptor(d, after))
            .flatten();
        let described = after_descriptor.is_some()
            || (descriptor_rule
                && self
                    .gaz_matches(d, after, false)
                    .iter()
                    .any(|g| g.payload.label == Label::Org));
        let kept_descriptor = m.payload.has(TriggerKind::OrgDescriptorKept);
        let kept_place_head = m.payload.has(TriggerKind::PlaceHeadKept);
        // A head inside a listed prepositional idiom (`بقيادة`, "led by")
        // introduces the leader, no organization of that head.
        let idiom = d.is_stop(i);
        for &kind in &m.payload.kinds {
            if described && matches!(kind, TriggerKind::OrgHead | TriggerKind::OrgHeadStrong) {
                continue;
            }
            if idiom
                && matches!(
                    kind,
                    TriggerKind::OrgHead
                        | TriggerKind::OrgHeadStrong
                        | TriggerKind::OrgHeadPurpose
                        | TriggerKind::OrgHeadNamed
                        | TriggerKind::OrgDescriptor
                )
            {
                continue;
            }
            let emitted = match kind {
                TriggerKind::PersonTitle => self
                    .title_person(d, after)
                    .filter(|_| !self.bare_title_construct(d, m.first, after)),
                TriggerKind::OrgHeadStrong => {
                    self.org_with_head(d, m.start, after, HeadStrength::Strong)
                }
                TriggerKind::OrgHead => self
                    .org_with_head(d, m.start, after, HeadStrength::Weak)
                    .or_else(|| self.publisher_named(d, i, m.start, after)),
                TriggerKind::OrgHeadPurpose => {
                    self.org_with_head(d, m.start, after, HeadStrength::Purpose)
                }
                TriggerKind::OrgHeadNamed => self
                    .institution_with_name(d, i, m.start, after)
                    .or_else(|| self.institution_with_field(d, i, m.start, after)),
                TriggerKind::NameSuffix
                | TriggerKind::OrgDescriptorKept
                | TriggerKind::PlaceHeadKept
                | TriggerKind::OrgHeadOutside => None,
                TriggerKind::SpeechVerb => self.speaker(d, after),
                // `صحيفة " [ماركا] "`: a quoted name after a descriptor (decision 27).
                TriggerKind::OrgDescriptor if official_before_place => None,
                TriggerKind::OrgDescriptor => after_descriptor
                    .take()
                    .map(|mut found| {
                        // A profile may keep the descriptor inside (`[نادي ميلان]`).
                        if kept_descriptor {
                            if let Some(named) = found.first_mut() {
                                // Head and name together are what a
                                // lexicon may list as something else
                                // (`قناة بنما`, the canal): the lexicon wins.
                                named.start = m.start;
                                named.priority = priority::TRIGGER;
                            }
                        }
                        found
                    })
                    .or_else(|| self.quoted_after(d, after, Label::Org, "name/org-quoted"))
                    .or_else(|| {
                        // A publication head stays outside (decision 95):
                        // `صحيفة [الشرق الأوسط]`, not the head with its name.
                        let publication = after == i + 1 && self.indefinite_publication_head(d, i);
                        (!publication)
                            .then(|| {
                                self.org_with_head(d, m.start, after, HeadStrength::Descriptor)
                            })
                            .flatten()
                    }),
                TriggerKind::PlaceHead => self.place_after_head_kept(d, m, kept_place_head),
                TriggerKind::FacilityHead => self.facility_with_head(d, m),
                TriggerKind::MiscHead | TriggerKind::MiscDescriptor => {
                    self.quoted_after_described(d, after)
                }
                TriggerKind::EventHead => self.event_with_head(d, i, m.start, after),
                TriggerKind::TitleHead => self
                    .quoted_after_described(d, after)
                    .or_else(|| self.unquoted_title(d, after)),
            };
            for mut mention in emitted.into_iter().flatten() {
                if d.ctx.explain {
                    mention.evidence = if mention.evidence.is_empty() {
                        format!("trigger {}", m.payload.source)
                    } else {
                        format!("trigger {}; {}", m.payload.source, mention.evidence)
                    };
                }
                out.push(mention);
            }
        }
    }

    pub(super) fn span(
        &self,
        d: &Doc<'_>,
        first: usize,
        last: usize,
        label: Label,
        rule: &'static str,
    ) -> Mention {
        let tokens = d.a.tokens();
        self.trigger_mention(d, tokens[first].start, tokens[last].end, label, rule)
    }

    /// A mention of a context rule over code points `start..end`: no value,
    /// trigger priority (what every trigger rule's mention carries).
    pub(super) fn trigger_mention(
        &self,
        d: &Doc<'_>,
        start: usize,
        end: usize,
        label: Label,
        rule: &'static str,
    ) -> Mention {
        let mut m = d
            .ctx
            .mention(start, end, label, serde_json::Value::Null, rule);
        m.priority = priority::TRIGGER;
        m
    }

    /// Title (+ NORP adjectives and ال-descriptors) + 1–4 name tokens.
    /// A bare title (no article: `عمدة`, `حاكم`) heads a construct: an
    /// unlisted word right after it is what the title governs (`عمدة
    /// [جريكو]` is a town), not a person's name. A listed given or family
    /// name after it still starts one, as does a name after the title's
    /// complement (`وزير الخارجية [جون كيري]`) or after a word the training
    /// parts show a name follows (`person_cue_words.csv`: kinship, `ابنة
    /// [اينوبيون]`, `ابنه [قرقماز]`).
    fn bare_title_construct(&self, d: &Doc<'_>, title: usize, after: usize) -> bool {
        if after != title + 1
            || d.any(after, flag::GIVEN | flag::FAMILY)
            || d.has_article(after)
            || d.is_norp(after)
            || self.title_complement(d, after)
            || d.any_or_stem(title, flag::PERSON_CUE)
        {
            return false;
        }
        let key = d.a.key(title);
        let body = key.strip_prefix(['\u{0648}', '\u{0641}']).unwrap_or(key);
        let after_preposition = body.strip_prefix(['\u{0628}', '\u{0643}']).unwrap_or(body);
        let definite = after_preposition.starts_with("\u{0627}\u{0644}")
            || body.starts_with("\u{0644}\u{0644}");
        !definite
    }

    pub(super) fn title_person(&self, d: &Doc<'_>, mut j: usize) -> Option<Vec<Mention>> {
        let a = d.a;
        let mut skipped = 0;
        while j < a.len() && skipped < 3 {
            let skippable = d.is_norp(j)
                || (d.has_article(j) && d.any(j, flag::COMMON) && !d.any(j, flag::GIVEN))
                || self.title_complement(d, j);
            if !skippable {
                break;
            }
            j += 1;
            skipped += 1;
        }
        let first = j;
        // `المدافع [ألفارو ميخيا]`, `الناقد [الطاهر الشيخاوي]`: a first
        // name written with `ال`.
        let definite_first = self.definite_first_name(d, first);
        if first >= a.len() || (d.has_article(first) && !definite_first) {
            return None;
        }
        // Two unknown name words after the title make a name even when the
        // first alone reads as an ordinary word (`الوزير [جدعون عيزرا]`).
        // Asked once: the answer serves both tests below.
        let first_is_name = definite_first || self.is_name_token(d, first, false);
        let pair = definite_first
            || (!first_is_name
                && (self.unknown_name_pair(d, first) || self.title_given_before_name(d, first)));
        if !pair && !first_is_name {
            return None;
        }
        let mut last = if pair { first + 1 } else { first };
        while last + 1 < a.len() && last + 1 - first < 4 {
            let prev_particle = d.any(last, flag::PARTICLE);
            if self.family_ends(d, first, last) || !self.is_name_token(d, last + 1, prev_particle) {
                // `اللواء [يحيى رسول]،`: an ordinary word as the surname.
                if self.common_surname_after_title(d, first, last + 1) {
                    last += 1;
                }
                break;
            }
            last += 1;
        }
        // A name does not end on a particle, nor is it a particle alone (`وقال ابن المدينة`).
        while last > first && d.any(last, flag::PARTICLE) {
            last -= 1;
        }
        if d.any(last, flag::PARTICLE) {
            return None;
        }
        Some(vec![self.span(
            d,
            first,
            last,
            Label::Person,
            "name/title-person",
        )])
    }

    /// The speaker after a speech verb (`وقال [فيرجسون]`): a name whose
    /// first word is no ordinary word (ANERcorp-common, stop, listed place…).
    pub(super) fn speaker(&self, d: &Doc<'_>, first: usize) -> Option<Vec<Mention>> {
        if first >= d.a.len()
            || !self.is_name_token(d, first, false)
            || d.has_article(first)
            || d.any(first, flag::COMMON)
        {
            return None;
        }
        let mut mentions = self.title_person(d, first)?;
        for m in &mut mentions {
            m.rule = "name/speaker".into();
            m.priority = priority::PERSON_LIST;
        }
        Some(mentions)
    }

    /// A city followed by a masculine nationality adjective is a sports
    /// club: a city takes a feminine adjective (`باريس الفرنسية`), a club the
    /// masculine of the implied `النادي` (`ليون الفرنسي`, `هامبورغ الألماني`).
    /// The city alone becomes ORG; the adjective stays NORP.
    pub(super) fn club_city_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = d.a;
        if !d.is_norp(i + 1) || !d.has_article(i + 1) {
            return;
        }
        if !super::org_rules::is_masculine_singular(a.light(i + 1)) {
            return;
        }
        let Some(city) = self.gaz_matches(d, i, true).into_iter().find(|m| {
            m.end == i + 1
                && m.payload.label == Label::Gpe
                && m.payload.source.file.starts_with("names/gaz_cities")
        }) else {
            return;
        };
        let mut m = d.ctx.mention(
            city.start,
            a.tokens()[i].end,
            Label::Org,
            serde_json::Value::Null,
            "name/club-city",
        );
        m.priority = priority::CONTEXT;
        if d.ctx.explain {
            m.evidence = format!("city + masculine adjective `{}`: a club", a.surface(i + 1));
        }
        out.push(m);
    }

    /// Given name (from the lists) + following name tokens.
    pub(super) fn person_list_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        let a = d.a;
        // `آل` + a family name alone is the family, not a person (`آل خليفة`).
        let starts_with_particle = d.any(i, flag::PARTICLE)
            && !d.any(i, flag::LIGHT_STOP)
            && !d.key_in(&self.dynasty_particles, i)
            && d.any(i + 1, flag::FAMILY | flag::GIVEN | flag::PERSON_WORD);
        let listed_family =
            |f: Flags| f & flag::FAMILY != 0 && f & (flag::COMMON | flag::STOP) == 0;
        // A two-letter name behind a proclitic (`لوي` read as ل + `وي`) is
        // no name on its own.
        let mut short_stem = false;
        let (start, is_given) = if d.any(i, flag::GIVEN) || starts_with_particle {
            (a.tokens()[i].start, true)
        } else if listed_family(d.f.get(i).word) {
            (a.tokens()[i].start, false)
        } else {
            // A proclitic before a given name (`ومحمد`) or a listed family
            // name that is no ordinary word (`وبوتين`).
            let split = crate::text::clitics::clitic_splits_iter(a.key(i)).find(|s| {
                let own = self.vocab.own(&s.stem_key);
                own & flag::GIVEN != 0 || listed_family(own)
            });
            short_stem = split
                .as_ref()
                .is_some_and(|s| s.stem_key.chars().nth(2).is_none());
            match split.and_then(|s| crate::text::clitics::stem_start(a, i, &s)) {
                Some(start) => (start, true),
                None => return,
            }
        };
        // An honorific (`باشا`, `بك`) closes a name and starts none, though
        // the training parts list it among family names.
        if d.any(i, flag::STOP_OF_LIGHT) || d.key_in(&self.honorifics, i) {
            return;
        }
        // The family after a free-standing `آل` (no name before it) is no person.
        let after_dynasty = i > 0
            && d.key_in(&self.dynasty_particles, i - 1)
            && (i < 2 || !d.any(i - 2, flag::GIVEN | flag::FAMILY | flag::PARTICLE));
        if after_dynasty {
            return;
        }
        // A family name with the article standing alone (`المفتي`, also a
        // title) is not enough evidence.
        if !is_given && d.has_article(i) {
            return;
        }
        // A name continues after a given name; a family name ends one.
        let mut last = if is_given {
            self.given_run_last(d, i)
        } else {
            i
        };
        // `[بلال فضل]،`: an ordinary word as the surname of a listed given name.
        if is_given && last == i && self.common_surname_after_given(d, i) {
            last += 1;
        }
        while last > i && d.any(last, flag::PARTICLE) {
            last -= 1;
        }
        // A lone given name that is also a common word, or a lone particle
        // (`بن`), is not enough.
        if last == i && (short_stem || d.any(i, flag::COMMON | flag::PARTICLE)) {
            return;
        }
        let mut m = d.ctx.mention(
            start,
            a.tokens()[last].end,
            Label::Person,
            serde_json::Value::Null,
            "name/person-list",
        );
        m.priority = priority::PERSON_LIST;
        if d.ctx.explain {
            m.evidence = format!("person name list: {}", a.surface(i));
        }
        out.push(m);
    }

    /// The last token of the name run that a given name at `i` starts: up
    /// to three more name words, until a family name ends it or a word is
    /// no name word.
    pub(super) fn given_run_last(&self, d: &Doc<'_>, i: usize) -> usize {
        let mut last = i;
        while last + 1 < d.a.len() && last + 1 - i < 4 {
            let prev_particle = d.any(last, flag::PARTICLE);
            if self.family_ends(d, i, last) || !self.is_name_token(d, last + 1, prev_particle) {
                break;
            }
            last += 1;
        }
        last
    }

    /// Place head dropped: `مقاطعة [شانشي]`, `ولاية [ورقلة]`.
    pub(super) fn place_after_head(&self, d: &Doc<'_>, after: usize) -> Option<Vec<Mention>> {
        let a = d.a;
        // A word of two letters or fewer after the head is a split article or
        // a particle (`لدولة ال عثمان`), no name.
        if after >= a.len()
            || a.key(after).chars().nth(2).is_none()
            || !(self.is_bare_proper(d, after) || self.definite_name_after_head(d, after))
            || a.tokens()[after].glued
            || (after > 0 && d.has_article(after - 1) && self.is_verb_shaped(d, after))
            || self.bare_word_after_definite_head(d, after)
        {
            return None;
        }
        // `منطقة حدودية`, `حي سكني`: an adjective, not a name. After an
        // indefinite head a word with the article is its complement, no
        // adjective (`قرية [الجلدية]`).
        let key = a.key(after);
        let complement = d.has_article(after) && !d.has_article(after - 1);
        if key.ends_with("يه") && !complement
            || key.ends_with("ي") && a.key(after.saturating_sub(1)).starts_with("ال")
        {
            return None;
        }
        // A known place is the gazetteer's; the head only vouches for an unknown one-word name.
        if self
            .gaz_matches(d, after, false)
            .iter()
            .any(|m| m.payload.label != Label::Norp)
        {
            return None;
        }
        Some(vec![self.span(
            d,
            after,
            after,
            Label::Gpe,
            "name/place-head",
        )])
    }

    /// `إقليم [الحوز]`: after an indefinite head, a definite word is the
    /// head's complement (an adjective would take the article with it), a
    /// name when it is no ordinary, nationality or nisba word, nor a word
    /// ANERcorp's training part shows mostly outside names (`ولاية العهد`).
    fn definite_name_after_head(&self, d: &Doc<'_>, after: usize) -> bool {
        let key = d.a.key(after);
        after > 0
            && !self.ambiguous.contains(key)
            && d.is_word(after)
            && d.has_article(after)
            && !d.has_article(after - 1)
            && key.chars().nth(3).is_some()
            && !key.ends_with('\u{064A}')
            && !d.is_norp(after)
            && !d.any(
                after,
                flag::STOP
                    | flag::LIGHT_STOP
                    | flag::COMMON
                    | flag::TRIGGER
                    | flag::RANK
                    | flag::CLITIC_COMMON
                    | flag::INFLECTED
                    | flag::PRONOUN_SUFFIX
                    | flag::NORP_WORD,
            )
    }

    /// Facility head kept: head + a bare name, a known place, a titled
    /// person, or a chain of ال-words not all common (`ميناء جوادر`,
    /// `مطار القاهرة`, `مركز التعاون الحدودي العالمي`), with the definite
    /// nisba adjectives after it (`مركز الملك فهد الثقافي`), and the unknown
    /// name words after a known place (`ملعب سانتياغو بيرنابيو`). A chain of
    /// common words only is a description (`مركز الثقل السياسي`).
    ///
    /// Not a name: a rank (`احتل المركز الثاني`, an ordinal or `الأخير`
    /// after the head), a verbal noun after the preposition `ل` with an
    /// indefinite object (`لسد ثغرة` "to fill a gap"), an indefinite head
    /// with two indefinite nisba adjectives (`مركز مالي عالمي`).
    pub(super) fn facility_with_head(
        &self,
        d: &Doc<'_>,
        m: &PhraseMatch<'_, Trigger>,
    ) -> Option<Vec<Mention>> {
        let a = d.a;
        let (start, after) = (m.start, m.end);
        if let Some(quoted) = self.quoted_after(d, after, Label::Fac, "name/facility-quoted") {
            return Some(quoted);
        }
        if after >= a.len() || d.is_stop(after) || d.any(after, flag::RANK) {
            return None;
        }
        // The head as written after its proclitic (`لسد` → ل + `سد`).
        let head_key = a.key(m.first);
        let (proclitic, head_key) = if m.clitic {
            crate::text::clitics::clitic_splits_iter(head_key)
                .find(|s| self.vocab.own(&s.stem_key) & flag::TRIG_FIRST != 0)
                .map_or(("", head_key.into()), |s| (s.proclitic, s.stem_key))
        } else {
            ("", head_key.into())
        };
        let indefinite_head = !head_key.starts_with("ال");
        if self.described_facility(d, after, indefinite_head) {
            return None;
        }
        let nisba = |k: usize| {
            // `is_word` first: `k` may be past the last token.
            d.is_word(k)
                && !d.has_article(k)
                && !d.is_stop(k)
                && (a.key(k).ends_with('ي') || a.key(k).ends_with("يه"))
        };
        // `مركز مالي عالمي`: the word after the head agrees with an adjective after it.
        if indefinite_head && a.key(after).ends_with('ي') && nisba(after) && nisba(after + 1) {
            return None;
        }
        let place = self
            .gaz_matches(d, after, false)
            .into_iter()
            .find(|m| matches!(m.payload.label, Label::Gpe | Label::Loc));
        let titled = self
            .trigger_matches(d, after, false)
            .into_iter()
            .find(|m| m.payload.has(TriggerKind::PersonTitle));
        let last = if let Some(place) = place {
            self.unknown_name_after_place(d, place.end - 1)
        } else if let Some(Some(person)) = titled.map(|t| self.title_person(d, t.end)) {
            // `مطار الملك عبد العزيز`: a facility named after a titled person.
            let end = person[0].end;
            a.tokens()
                .partition_point(|t| t.end <= end)
                .saturating_sub(1)
                .max(after)
        } else if self.is_bare_proper(d, after) {
            // `لسد ثغرة`: ل + verbal noun + an indefinite feminine noun.
            if proclitic.ends_with('ل') && indefinite_head && a.light(after).ends_with('ة') {
                return None;
            }
            // A head with the article takes no bare name after it: the word
            // is a predicate or a verb (`المسجد مكون من`, `القصر ينشد`).
            if !indefinite_head {
                return None;
            }
            let mut last = after;
            while last + 1 < a.len()
                && last + 1 - after < 3
                && !d.any(last + 1, flag::PRONOUN_SUFFIX)
                && self.is_bare_proper(d, last + 1)
            {
                last += 1;
            }
            last
        } else {
            let mut j = after;
            while j < a.len() && j - after < 4 && d.has_article(j) && !d.is_stop(j) {
                // A rank after an adjective qualifies the head
                // (`المركز المالي الثالث`); after a name it is regnal
                // (`مسجد الحسن الثاني`).
                let adjective = a.key(j - 1).ends_with('ي') || a.key(j - 1).ends_with("يه");
                if d.any(j, flag::RANK) && adjective {
                    break;
                }
                j += 1;
            }
            // A chain of ordinary words is a description, not a name
            // (`مركز الثقل السياسي`): one word of it must be no common word
            // or a nationality (`الكنيسة الرومانية`, `مكتبة الدولة الروسية`).
            if !(after..j).any(|k| !d.any(k, flag::COMMON) || d.is_norp(k)) {
                return None;
            }
            j - 1
        };
        // `مركز الملك فهد الثقافي`: definite nisba adjectives after the
        // name belong to the facility's name.
        let mut last = last;
        while last + 1 < a.len()
            && last + 1 - after < 6
            && d.has_article(last + 1)
            && !d.is_stop(last + 1)
            && !d.any(last + 1, flag::RANK)
            && !d.is_norp(last + 1)
            && is_nisba_shaped(a.key(last + 1))
        {
            last += 1;
        }
        let last = if d.is_suffix(last + 1) {
            last + 1
        } else {
            last
        };
        let m = self.trigger_mention(
            d,
            start,
            a.tokens()[last].end,
            Label::Fac,
            "name/facility-head",
        );
        Some(vec![m])
    }

    /// The last token of a facility named by a listed place and the unknown
    /// name words after it (`ملعب سانتياغو [بيرنابيو]`, `جسر ريو [انتيريو]`):
    /// up to two words shaped like an unknown name (no ordinary, listed,
    /// verb-shaped or adjective word: `place_lists::unknown_place_word`)
    /// continue the name; `place_last` is the place's last token.
    fn unknown_name_after_place(&self, d: &Doc<'_>, place_last: usize) -> usize {
        let mut last = place_last;
        while last + 1 < d.a.len()
            && last - place_last < 2
            && d.is_word(last + 1)
            && !d.is_stop(last + 1)
            && !d.has_article(last + 1)
            && self.unknown_place_word(d.a.key(last + 1), Some(d.f.get(last + 1).word))
        {
            last += 1;
        }
        last
    }

    /// A quoted name right after a head: `مبادرة "[الحزام والطريق]"`.
    pub(super) fn quoted_after(
        &self,
        d: &Doc<'_>,
        after: usize,
        label: Label,
        rule: &'static str,
    ) -> Option<Vec<Mention>> {
        let a = d.a;
        let open = a.light(after.min(a.len().saturating_sub(1)));
        if after >= a.len() || !matches!(open, "\"" | "«" | "“") {
            return None;
        }
        let close = match open {
            "«" => "»",
            "“" => "”",
            _ => "\"",
        };
        let mut k = after + 1;
        // A full stop inside closes no name: it is a quoted sentence.
        while k < a.len() && k - after <= 8 && a.light(k) != close && a.light(k) != "." {
            k += 1;
        }
        if k >= a.len() || a.light(k) != close || k == after + 1 {
            return None;
        }
        Some(vec![self.span(d, after + 1, k - 1, label, rule)])
    }
}

/// A word ending like a nisba adjective, masculine or feminine as keyed
/// (`الثقافي`, `الثقافيه`).
pub(super) fn is_nisba_shaped(key: &str) -> bool {
    key.strip_suffix('ه').unwrap_or(key).ends_with('ي')
}
