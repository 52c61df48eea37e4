//! Person names built of linked parts: the nasab chain (`X بن Y بن Z`, with
//! `عبد` compounds and kunyas in its links, `آل` + family and a closing
//! nisba such as `التغلبي`), found from the chain's particle even when no
//! part is a listed name. The particles and their roles are data
//! (`rules/names/name_particles.csv`).

use super::features::flag;
use super::{priority, Doc, NameRecognizer};
use crate::error::Result;
use crate::mention::{Label, Mention};

/// The rule file with the name particles.
pub const PARTICLES_FILE: &str = "names/name_particles.csv";

/// The roles a particle may have.
const ROLES: &[&str] = &[
    "nasab",
    "compound",
    "kunya",
    "dynasty",
    "tribal",
    "foreign",
    "tail",
    "honorific",
];

impl NameRecognizer {
    /// Read `word,role` rows: every particle joins name parts; `nasab`
    /// particles also link a chain.
    pub(super) fn load_particles(&mut self, file: &str, text: &str) -> Result<()> {
        let table = crate::rules::CsvTable::parse(file, text)?;
        let (word, role) = (table.column("word")?, table.column("role")?);
        for row in &table.rows {
            let role = row.get(role);
            if !ROLES.contains(&role) {
                return Err(table.error(
                    row,
                    format!("role `{role}` is not one of {}", ROLES.join(", ")),
                ));
            }
            // A compound's second word is no particle: it ends a name.
            if role == "tail" {
                self.compound_tails.insert(row.get(word));
                continue;
            }
            // An honorific after a name closes it (`[مكرم عبيد باشا]`).
            if role == "honorific" {
                self.honorifics.insert(row.get(word));
                continue;
            }
            self.particles.insert(row.get(word));
            if role == "nasab" {
                self.nasab.insert(row.get(word));
            }
            if role == "foreign" {
                self.foreign_particles.insert(row.get(word));
            }
            if role == "dynasty" {
                self.dynasty_particles.insert(row.get(word));
            }
        }
        Ok(())
    }

    /// A particle of a European name that joins a name word before it to
    /// a name word after it (`مارك [فان] بومل`), though it is also a
    /// function word (`فان` is `فإن` written without hamza): the word after
    /// it must be a listed name or an unlisted word that looks like one.
    pub(super) fn joins_foreign_name(&self, d: &Doc<'_>, i: usize) -> bool {
        let next = i + 1;
        i < d.a.len()
            && d.is_word(i)
            && self.foreign_particles.contains(d.a.key(i))
            && next < d.a.len()
            && d.is_word(next)
            && !self.foreign_particles.contains(d.a.key(next))
            && !d.has_article(next)
            && !d.any(
                next,
                flag::STOP | flag::LIGHT_STOP | flag::COMMON | flag::TRIGGER,
            )
            && (d.any(next, flag::GIVEN | flag::FAMILY | flag::PERSON_WORD)
                || (!d.any(next, flag::GAZ_WORD) && !self.looks_ordinary(d, next)))
    }

    /// Whether token `i` is a nasab particle (`بن`).
    fn is_nasab(&self, d: &Doc<'_>, i: usize) -> bool {
        i < d.a.len() && d.is_word(i) && self.nasab.contains(d.a.key(i))
    }

    /// A non-nasab particle that needs a word after it (`عبد`, `أبو`, `آل`).
    fn is_joining_particle(&self, d: &Doc<'_>, i: usize) -> bool {
        d.any(i, flag::PARTICLE) && !self.is_nasab(d, i) && !d.any(i, flag::LIGHT_STOP)
    }

    /// One part of a chain at `j`: a name word, or a joining particle and
    /// the name word after it (`عبد الله`, `أبي طالب`). Returns its last token.
    fn chain_part(&self, d: &Doc<'_>, j: usize) -> Option<usize> {
        if j >= d.a.len() {
            return None;
        }
        if self.is_joining_particle(d, j) {
            return self.is_name_token(d, j + 1, true).then_some(j + 1);
        }
        let after_nasab = j > 0 && self.is_nasab(d, j - 1);
        ((self.is_name_token(d, j, true) || (after_nasab && self.nasab_complement(d, j)))
            && !d.is_norp(j))
        .then_some(j)
    }

    /// A bare word right after `بن` that the lists read as an ordinary
    /// word (`بن [بشر]`, `بن [علي]` keyed like `على`): the father's name,
    /// unless [`Self::ordinary_name_word`] says otherwise, it is a stop word
    /// as keyed or a rank (a word that reads as a proclitic + an ordinary
    /// word is a name here: `بن [بشر]`).
    fn nasab_complement(&self, d: &Doc<'_>, j: usize) -> bool {
        let stop_as_written = d.any(j, flag::STOP) && !d.any(j, flag::LIGHT_STOP_VARIANT);
        !stop_as_written && self.ordinary_name_word(d, j, flag::RANK)
    }

    /// A word before `بن` that is also an ordinary word (`[علي بن سيف]`,
    /// `[صقر بن سعود]`, `[عتبة بن غزوان]`): in `X بن Y` the word is the
    /// son's name unless [`Self::ordinary_name_word`] says otherwise or it
    /// is a particle. The caller also wants the father's given name after
    /// `بن` (`نظام بن علي` is Ben Ali's regime).
    fn common_nasab_head(&self, d: &Doc<'_>, j: usize) -> bool {
        self.ordinary_name_word(d, j, flag::PARTICLE)
    }

    /// An ordinary word next to `بن` that is a name there: not a function
    /// word as written (`على`), a title or other trigger, a verb, a known
    /// non-person name, a conjunct, a word with the article, an inflection
    /// or an attached pronoun, nor a word with a flag of `also_not`.
    fn ordinary_name_word(&self, d: &Doc<'_>, j: usize, also_not: super::features::Flags) -> bool {
        d.is_word(j)
            && d.a.key(j).chars().nth(1).is_some()
            && !d.has_article(j)
            && !d.a.key(j).starts_with('\u{0648}')
            && !d.any(
                j,
                also_not
                    | flag::LIGHT_STOP
                    | flag::TRIGGER
                    | flag::NON_PERSON_WORD
                    | flag::PRONOUN_SUFFIX
                    | flag::INFLECTED,
            )
            && !self.is_verb_shaped(d, j)
    }

    /// A nasab chain through the particle at `i` (`عبادة بن الصامت`,
    /// `محمد بن عبد الله بن حيزان`, `ربعي بن الافكل التغلبي`): one name word
    /// (or a compound) before it, then links of particle + part.
    pub(super) fn nasab_chain_at(&self, d: &Doc<'_>, i: usize, out: &mut Vec<Mention>) {
        if i == 0 || !self.is_nasab(d, i) {
            return;
        }
        // The first part: `عبادة`, `عبد الله`, `أبو بكر`.
        let compound = i >= 2 && self.is_joining_particle(d, i - 2);
        let listed_head = self.is_name_token(d, i - 1, compound);
        if !(listed_head || (!compound && self.common_nasab_head(d, i - 1))) || d.is_norp(i - 1) {
            return;
        }
        // A particle is no head of its own (`آل بن علي` is a family).
        if (d.has_article(i - 1) || d.any(i - 1, flag::PARTICLE)) && !compound {
            return;
        }
        let first = if compound { i - 2 } else { i - 1 };
        let mut last = None;
        let mut at = i;
        while self.is_nasab(d, at) {
            let Some(end) = self.chain_part(d, at + 1) else {
                break;
            };
            last = Some(end);
            at = end + 1;
        }
        let Some(mut last) = last else {
            return;
        };
        // An ordinary word before `بن` is a name only when a father's given
        // name follows (`[صقر بن سعود]`) or the chain goes on (`X بن Y بن
        // Z`); `مرمى بن فوستر` ("Ben Foster's goal") is no name.
        let links = (i..at).filter(|&k| self.is_nasab(d, k)).count();
        if !listed_head && !d.any(i + 1, flag::GIVEN) && links < 2 {
            return;
        }
        // `آل مكتوم` after the chain, then a closing nisba (`التغلبي`).
        if self.is_joining_particle(d, at) && self.is_name_token(d, at + 1, true) {
            last = at + 1;
            at += 2;
        }
        // Or a family name with the article after a given name, as after
        // any given name (`[صقر بن سعود الزايد]`).
        let nisba = at < d.a.len()
            && d.has_article(at)
            && (d.a.key(at).ends_with('\u{064A}') || d.any(last, flag::GIVEN))
            && !d.is_norp(at)
            && !d.any(at, flag::COMMON | flag::TRIGGER | flag::STOP);
        if nisba {
            last = at;
        }
        let mut m = self.span(d, first, last, Label::Person, "name/nasab-chain");
        m.priority = priority::TRIGGER;
        if d.ctx.explain {
            m.evidence = format!("nasab chain through `{}`", d.a.surface(i));
        }
        out.push(m);
    }
}
