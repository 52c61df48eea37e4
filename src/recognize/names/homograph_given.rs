//! A given name written like a function word: `علي` shares its lookup key
//! with the preposition `على` (ى folds to ي in keys), so the lexicons hold
//! it as a stop word and no name run starts or goes on through it. Written
//! with ي, as the name is, and beside name words it is the name: before a
//! listed given or family name or a definite family name (`الدكتور [علي
//! جمعة]`, `[علي الوردي]`), or after a listed given name (`[محمد علي
//! الغانم]`). Written with ى it is always the function word, and alone it
//! is never a name (nor propagated: it stays a stop word). The words are
//! data (`rules/names/person_homographs.csv`).

use super::*;

/// The homographs file.
pub(super) const HOMOGRAPHS_FILE: &str = "names/person_homographs.csv";

impl NameRecognizer {
    /// Token `i` is a given name that the lexicons hold as a function word,
    /// written as the name is (its light form is its key: `علي`, not `على`).
    /// Asked at every stop word: inlined (a call cost more than the test),
    /// and most answer at the hash test.
    #[inline(always)]
    fn homograph_as_written(&self, d: &Doc<'_>, i: usize) -> bool {
        i < d.a.len()
            && d.any(i, flag::STOP_OF_LIGHT)
            && self
                .given_homographs
                .contains_hashed(d.key_hash(i), d.a.key(i))
    }

    /// Token `k` is a listed name word that makes a homograph before it a
    /// name: a bare listed given or family name that is no ordinary or stop
    /// word (`جمعة`), or a definite family name (listed, or a nisba no
    /// lexicon knows: `الوردي`).
    fn name_word_after_homograph(&self, d: &Doc<'_>, k: usize) -> bool {
        if k >= d.a.len() || !d.is_word(k) {
            return false;
        }
        let bare_listed = !d.has_article(k)
            && d.any(k, flag::GIVEN | flag::FAMILY)
            && !d.any(k, flag::COMMON | flag::STOP | flag::LIGHT_STOP);
        bare_listed || self.definite_family_after_first(d, k)
    }

    /// Token `i` is a bare listed given name that is no ordinary word.
    fn listed_given(&self, d: &Doc<'_>, i: usize) -> bool {
        d.is_word(i)
            && !d.has_article(i)
            && d.any(i, flag::GIVEN)
            && !d.any(i, flag::COMMON | flag::STOP | flag::LIGHT_STOP)
    }

    /// Token `i` is the given name, not the function word it is written
    /// like: written as the name, with a listed name word after it or a
    /// listed given name before it.
    pub(super) fn homograph_given(&self, d: &Doc<'_>, i: usize) -> bool {
        self.homograph_as_written(d, i)
            && (self.name_word_after_homograph(d, i + 1) || (i > 0 && self.listed_given(d, i - 1)))
    }

    /// At a homograph `i` written as the name and followed by a listed name
    /// word, the person named from it on. After a listed given name the
    /// homograph goes on that name's run instead (`person_list_at`).
    pub(super) fn homograph_person_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        if !self.homograph_as_written(d, i)
            || !self.name_word_after_homograph(d, i + 1)
            || (i > 0 && self.listed_given(d, i - 1))
        {
            return;
        }
        let last = self.given_run_last(d, i);
        if last == i {
            return;
        }
        let a = d.a;
        let mut m = d.ctx.mention(
            a.tokens()[i].start,
            a.tokens()[last].end,
            Label::Person,
            serde_json::Value::Null,
            "name/homograph-given",
        );
        m.priority = priority::PERSON_LIST;
        if d.ctx.explain {
            m.evidence = format!(
                "`{}` written as the given name, before the name word `{}`",
                a.surface(i),
                a.surface(i + 1)
            );
        }
        out.push(m);
    }
}
