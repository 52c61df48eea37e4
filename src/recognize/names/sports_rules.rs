//! Sports context: a city name is a club when a match frame surrounds it
//! (`فاز [برشلونة] على [ليون]`, `مباراة [ميلان] و[روما]`, `لاعب [ليفربول]`),
//! and an unknown name is a club when the frame is confirmed by a goal or host
//! word (`تغلب [نيوكاسل] على ضيفه [ويجان] بهدفين`). The cue words and their
//! roles are data (`rules/names/sports_cues.csv`); the span is the team name
//! alone, cue words stay outside. Clubs are ORG.

use super::*;

/// The cue file.
pub(super) const CUES_FILE: &str = "names/sports_cues.csv";

/// Words an unknown team name may have at most (`كايزر تشيفس`).
const MAX_UNKNOWN_TEAM_WORDS: usize = 3;

/// Tokens after the result verb within which the opponent preposition is
/// looked for (the team's words and a host word lie between).
const OPPONENT_WINDOW: usize = 5;

/// Tokens after the opponent within which a goal word confirms the frame.
const GOAL_WINDOW: usize = 6;

/// What a sports cue word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueRole {
    /// `فاز`, `تعادل`: the team follows, the opponent after a preposition.
    ResultVerb,
    /// `فوز`: as a verb, but only with an opponent.
    ResultNoun,
    /// `على`, `مع`, `أمام`, `ضد`.
    OpponentPrep,
    /// `ضيفه`, `مضيفه`: between the preposition and the opponent.
    Host,
    /// `حساب` (`على حساب X`, "at the expense of X"): between the
    /// preposition and the opponent, but said of a team only inside a
    /// result frame or with a goal word after it (a bank account is a
    /// `حساب` too).
    FrameHost,
    /// `مباراة`: two teams follow.
    MatchNoun,
    /// `فريق`, `لاعب`, `مدرب`: a team follows.
    TeamHead,
    /// `في`, `مدينة`: the city after it is the place, also where the same
    /// name was a club earlier in the document.
    PlaceCue,
    /// `أهداف`, `بهدفين`, `الشوط`: a football frame.
    GoalWord,
}

impl CueRole {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "result_verb" => CueRole::ResultVerb,
            "result_noun" => CueRole::ResultNoun,
            "opponent_prep" => CueRole::OpponentPrep,
            "host" => CueRole::Host,
            "frame_host" => CueRole::FrameHost,
            "match_noun" => CueRole::MatchNoun,
            "team_head" => CueRole::TeamHead,
            "goal_word" => CueRole::GoalWord,
            "place_cue" => CueRole::PlaceCue,
            _ => return None,
        })
    }
}

/// The sports cue words by key.
#[derive(Debug, Default)]
pub(super) struct SportsCues(rustc_hash::FxHashMap<String, CueRole>);

impl SportsCues {
    /// Read `word,role` rows; an unknown role is an error naming the line.
    pub(super) fn load(&mut self, file: &str, text: &str) -> Result<()> {
        self.0 = super::word_tables::load_keyed_words(
            file,
            text,
            "role",
            "result_verb, result_noun, opponent_prep, host, frame_host, match_noun, team_head, goal_word or place_cue",
            CueRole::parse,
        )?;
        Ok(())
    }

    /// Every cue word, for the vocabulary.
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// The role of a key, whole or after a proclitic (`وفاز`, `لفريق`, `بهدفين`).
    fn role_of(&self, key: &str) -> Option<CueRole> {
        super::word_tables::role_with_clitics(&self.0, key)
    }
}

/// A dash between two teams of a fixture (`-`, `–`, `—`).
fn is_dash(light: &str) -> bool {
    matches!(light, "-" | "\u{2013}" | "\u{2014}")
}

/// The `(` tokens of a document (punctuation whose light form is `(`), in
/// order. The light form is the text less marks, with alef and digits
/// unified: such a token holds a `(` byte of the text, unless NFKC (applied
/// only to a text with a byte 0xEF, see `normalize::needs_nfkc`) folded
/// another bracket into one (`（`, `﹙`). So without a byte 0xEF only the
/// tokens holding a `(` byte are asked, found by their byte offsets;
/// with one, every token is.
fn opening_brackets(a: &Analysis<'_>) -> Vec<usize> {
    let tokens = a.tokens();
    let is_open = |k: usize| tokens[k].kind == crate::text::TokenKind::Punct && a.light(k) == "(";
    let bytes = a.text().as_bytes();
    if memchr::memchr(0xEF, bytes).is_some() {
        return (0..tokens.len()).filter(|&k| is_open(k)).collect();
    }
    let mut found: Vec<usize> = Vec::new();
    for byte in memchr::memchr_iter(b'(', bytes) {
        // The token holding the byte, if any (not between two tokens).
        let k = tokens.partition_point(|t| t.byte_end <= byte);
        if k < tokens.len()
            && tokens[k].byte_start <= byte
            && found.last() != Some(&k)
            && is_open(k)
        {
            found.push(k);
        }
    }
    found
}

/// A team name found at a token: its char start, the token after it, and
/// whether it is a listed city.
struct Team {
    start: usize,
    end_token: usize,
    city: bool,
    /// The city's gazetteer entry.
    entry: Option<Source>,
}

impl NameRecognizer {
    #[inline]
    fn cue(&self, d: &Doc<'_>, i: usize) -> Option<CueRole> {
        // The vocabulary flags a cue word and every word with a cue stem,
        // so most tokens are refused without a lookup.
        if !d.is_word(i) || !d.any_or_stem(i, flag::SPORTS_CUE) {
            return None;
        }
        self.sports.role_of(d.a.key(i))
    }

    /// A listed city at token `i` (after a proclitic with `clitics`).
    fn city_at(&self, d: &Doc<'_>, i: usize, clitics: bool) -> Option<Team> {
        if !Self::may_start_city(d, i, clitics) {
            return None;
        }
        Self::city_of(&self.gaz_matches(d, i, clitics))
    }

    /// Whether a listed city may start at token `i` (false: `city_at`
    /// surely finds none there). A city is a GPE entry: one word, which
    /// the vocabulary flags `GPE_WORD` (the flags of a gazetteer key's
    /// one-word entries' labels, on the word and, as its stem, on a word
    /// with proclitics), or a phrase, which starts with a `GAZ_FIRST` key
    /// and needs its second key to follow. Most
    /// tokens that start some gazetteer entry start no city, and
    /// `propagate_clubs` asks at every token of a document with a club.
    #[inline]
    fn may_start_city(d: &Doc<'_>, i: usize, clitics: bool) -> bool {
        let f = d.f.get(i);
        let stems = if clitics { f.stems } else { 0 };
        let bits = f.word | stems;
        bits & flag::GPE_WORD != 0 || (bits & flag::GAZ_FIRST != 0 && d.gaz_second_may_follow(i))
    }

    /// The longest listed city among gazetteer matches at one token.
    fn city_of(matches: &Matches<'_, GazEntry>) -> Option<Team> {
        matches
            .iter()
            .filter(|m| {
                m.payload.label == Label::Gpe
                    && m.payload.source.file.starts_with("names/gaz_cities")
            })
            .max_by_key(|m| m.end)
            .map(|m| Team {
                start: m.start,
                end_token: m.end,
                city: true,
                entry: Some(m.payload.source.clone()),
            })
    }

    /// The team at token `i`: a listed city, or a run of unknown bare
    /// words that are no listed given or family name and start no
    /// gazetteer entry (a known person, place or organization keeps its type).
    fn team_at(&self, d: &Doc<'_>, i: usize) -> Option<Team> {
        if i >= d.a.len() {
            return None;
        }
        if let Some(city) = self.city_at(d, i, false) {
            return Some(city);
        }
        self.unknown_team_at(d, i)
    }

    /// A run of unknown bare words at token `i` (`i` in the document), as
    /// [`Self::team_at`] reads one when no city starts there.
    fn unknown_team_at(&self, d: &Doc<'_>, i: usize) -> Option<Team> {
        let unknown = |k: usize| {
            self.is_bare_proper(d, k)
                && !d.any(k, flag::GIVEN | flag::FAMILY | flag::NORP_WORD)
                && self.cue(d, k).is_none()
                && self.gaz_matches(d, k, false).is_empty()
        };
        let mut end = i;
        while end < d.a.len() && end - i < MAX_UNKNOWN_TEAM_WORDS && unknown(end) {
            end += 1;
        }
        (end > i).then(|| Team {
            start: d.a.tokens()[i].start,
            end_token: end,
            city: false,
            entry: None,
        })
    }

    /// Whether a goal word lies in `from..to` (tokens).
    fn goal_word_in(&self, d: &Doc<'_>, from: usize, to: usize) -> bool {
        (from..to.min(d.a.len())).any(|k| self.cue(d, k) == Some(CueRole::GoalWord))
    }

    fn club(&self, d: &Doc<'_>, team: &Team, rule: &'static str, out: &mut Vec<Mention>) {
        let end = d.a.tokens()[team.end_token - 1].end;
        let mut m = d
            .ctx
            .mention(team.start, end, Label::Org, serde_json::Value::Null, rule);
        m.priority = priority::CONTEXT;
        if d.ctx.explain {
            m.evidence = if rule == "name/club-propagated" {
                "a city that is a club earlier in the document".to_string()
            } else if team.city {
                "a city in a match frame: a club".to_string()
            } else {
                "an unknown name in a match frame with a goal or host word: a club".to_string()
            };
        }
        out.push(m);
    }

    /// Emit the clubs of every sports frame of a document.
    pub(super) fn sports_clubs(&self, d: &Doc<'_>, out: &mut Vec<Mention>) {
        // No word of the document is a cue or has a cue stem: no frame.
        let cues = if d.f.anywhere(flag::SPORTS_CUE) {
            d.a.len()
        } else {
            0
        };
        // `cue`'s own flag test, here so that most tokens cost no call: the
        // walk goes from one token with the bit (whole or by a stem) to the next.
        let mut next = 0;
        while next < cues {
            let i = d.f.next_with(next, flag::SPORTS_CUE);
            next = i + 1;
            if i >= cues || !d.is_word(i) {
                continue;
            }
            match self.cue(d, i) {
                Some(role @ (CueRole::ResultVerb | CueRole::ResultNoun)) => {
                    self.result_frame(d, i, role, out)
                }
                Some(CueRole::MatchNoun) => self.match_frame(d, i, out),
                Some(CueRole::TeamHead) => {
                    if let Some(team) = self.city_at(d, i + 1, false) {
                        self.club(d, &team, "name/club-after-head", out);
                    }
                }
                // `أمام مضيفه [ليون]`, `ضيفه [اندرلخت] البلجيكي`: the host
                // word is said of a team only.
                Some(CueRole::Host) => {
                    if let Some(team) = self.team_at(d, i + 1) {
                        self.club(d, &team, "name/club-host", out);
                    }
                }
                // `على حساب [بورتو] ... الهدف`: away from a result word, the
                // expense idiom names a team when a goal word follows.
                Some(CueRole::FrameHost)
                    if i > 0 && self.cue(d, i - 1) == Some(CueRole::OpponentPrep) =>
                {
                    if let Some(team) = self.team_at(d, i + 1) {
                        if self.goal_word_in(d, team.end_token, team.end_token + GOAL_WINDOW) {
                            self.club(d, &team, "name/club-host", out);
                        }
                    }
                }
                _ => {}
            }
        }
        self.fixture_lines(d, out);
        self.propagate_clubs(d, out);
    }

    /// A city that a sports frame made a club is the club at its later
    /// mentions in the document (`وسيفتقد [برشلونة] جهود مهاجمه`), within
    /// the propagation window, unless a place cue (`في`, `مدينة`), the
    /// preposition `ب` or a bracket after it (a dateline) makes it the place.
    fn propagate_clubs(&self, d: &Doc<'_>, out: &mut Vec<Mention>) {
        let lines = super::propagation::LineIndex::for_window(d.a.text(), d.ctx.propagation_window);
        let (char_base, line_base) = (d.ctx.char_base(), d.ctx.line_base());
        let found: Vec<(usize, usize, Source)> = out
            .iter()
            .filter(|m| {
                m.label == Label::Org && m.rule.starts_with("name/club-") && d.ctx.in_core(m.start)
            })
            .filter_map(|m| {
                let i = d.a.tokens().partition_point(|t| t.end <= m.start);
                let city = self.city_at(d, i, true)?;
                if city.start != m.start {
                    return None;
                }
                let line = line_base + lines.line_of(m.start);
                Some((char_base + m.start, line, city.entry?))
            })
            .collect();
        // A long document's earlier windows left their clubs in the carry.
        let mut whole_document = super::propagation::NamesCarry::default();
        let mut carried = d.ctx.window.map(|w| w.carry.names.borrow_mut());
        let carry = carried.as_deref_mut().unwrap_or(&mut whole_document);
        carry.clubs.extend(found);
        let clubs = &carry.clubs;
        if clubs.is_empty() {
            return;
        }
        let window = d.ctx.propagation_window;
        for i in 0..d.a.len() {
            let Some(city) = self.city_at(d, i, true) else {
                continue;
            };
            let Some(entry) = city.entry.as_ref() else {
                continue;
            };
            let at = char_base + city.start;
            let line = line_base + lines.line_of(city.start);
            let source = clubs.iter().find(|(start, source_line, e)| {
                *start < at
                    && e.file == entry.file
                    && e.line == entry.line
                    && window.is_none_or(|w| line - source_line <= w)
            });
            let in_place = (i > 0 && self.cue(d, i - 1) == Some(CueRole::PlaceCue))
                || (city.start > d.a.tokens()[i].start && d.a.key(i).starts_with('ب'))
                || (city.end_token < d.a.len() && d.a.light(city.end_token) == "(");
            if source.is_some() && !in_place {
                self.club(d, &city, "name/club-propagated", out);
            }
        }
    }

    /// `( COUNTRY )` at token `k`: the token after the closing bracket.
    fn bracketed_country(&self, d: &Doc<'_>, k: usize) -> Option<usize> {
        if k + 2 >= d.a.len() || d.a.light(k) != "(" {
            return None;
        }
        let place = self
            .gaz_matches(d, k + 1, false)
            .into_iter()
            .filter(|m| m.payload.label == Label::Gpe)
            .max_by_key(|m| m.end)?;
        (place.end < d.a.len() && d.a.light(place.end) == ")").then_some(place.end + 1)
    }

    /// A team with its country in brackets at token `i` (`ليون ( فرنسا )`):
    /// the team (none when it is a known organization, which keeps its own
    /// mention) and the token after the bracket.
    fn team_with_country(&self, d: &Doc<'_>, i: usize) -> Option<(Option<Team>, usize)> {
        // One lookup for the organization and the city (`team_at`).
        let matches = self.gaz_matches(d, i, false);
        let known_org = matches
            .iter()
            .filter(|m| m.payload.label == Label::Org)
            .max_by_key(|m| m.end);
        if let Some(org) = known_org {
            return Some((None, self.bracketed_country(d, org.end)?));
        }
        let team = match Self::city_of(&matches) {
            Some(city) => city,
            None => self.unknown_team_at(d, i)?,
        };
        let after = self.bracketed_country(d, team.end_token)?;
        Some((Some(team), after))
    }

    /// Fixture and result lines of a draw or a round: `A ( COUNTRY ) - B
    /// ( COUNTRY )`, each team with its country in brackets, joined by a dash.
    /// When one of the two is a listed city or a known organization, the
    /// others are clubs too (a player's line names persons, who are neither);
    /// the countries stay GPE.
    fn fixture_lines(&self, d: &Doc<'_>, out: &mut Vec<Mention>) {
        // A team (a gazetteer entry or a few unknown words) ends right
        // before its bracket, so only the words within that reach before
        // such a `(` are tried: most tokens skip the gazetteer probes. Only
        // a bracket that a `)` and a dash close within a place's length
        // (`( فرنسا ) -`) can follow the first team of a line.
        let a = d.a;
        // Every line needs a `(` token: a text without the character has
        // none, unless NFKC (applied only to a text with a byte 0xEF, see
        // `normalize::needs_nfkc`) made one (`（`, `﹙`). Most documents are
        // turned away by two byte scans instead of a test at every token.
        let bytes = a.text().as_bytes();
        if memchr::memchr2(b'(', 0xEF, bytes).is_none() {
            return;
        }
        let n = a.len();
        let place_reach = self.gazetteer.max_tokens();
        let is_punct = |k: usize, mark: &str| {
            a.tokens()[k].kind == crate::text::TokenKind::Punct && a.light(k) == mark
        };
        let closed_before_dash = |k: usize| {
            (k + 2..=k + 1 + place_reach)
                .any(|c| c + 1 < n && is_punct(c, ")") && is_dash(a.light(c + 1)))
        };
        let reach = MAX_UNKNOWN_TEAM_WORDS.max(place_reach);
        let mut i = 0;
        for bracket in opening_brackets(a)
            .into_iter()
            .filter(|&k| closed_before_dash(k))
        {
            // The words before this bracket, back to the previous one.
            i = i.max(bracket.saturating_sub(reach));
            while i < bracket {
                self.fixture_line_at(d, i, bracket, out);
                i += 1;
            }
        }
    }

    /// The fixture line whose first team starts at token `i`, the next
    /// closed bracket (see [`Self::fixture_lines`]) at `bracket`.
    fn fixture_line_at(&self, d: &Doc<'_>, i: usize, bracket: usize, out: &mut Vec<Mention>) {
        if !d.is_word(i) {
            return;
        }
        // Without a gazetteer entry starting here, only a run of at
        // most MAX_UNKNOWN_TEAM_WORDS unknown words can reach the bracket.
        if bracket - i > MAX_UNKNOWN_TEAM_WORDS && !d.any(i, flag::GAZ_FIRST) {
            return;
        }
        let Some((first, dash)) = self.team_with_country(d, i) else {
            return;
        };
        // An unknown team starts after punctuation (the line's start).
        if first.as_ref().is_some_and(|t| !t.city) && i > 0 && d.is_word(i - 1) {
            return;
        }
        if dash >= d.a.len() || !is_dash(d.a.light(dash)) {
            return;
        }
        let Some((second, _)) = self.team_with_country(d, dash + 1) else {
            return;
        };
        let anchored = |t: &Option<Team>| t.as_ref().is_none_or(|t| t.city);
        if anchored(&first) || anchored(&second) {
            for team in [first, second].into_iter().flatten() {
                self.club(d, &team, "name/club-fixture", out);
            }
        }
    }

    /// `فاز X على (ضيفه)? Y`: X and Y are clubs when cities, or when a host
    /// or goal word confirms the frame.
    fn result_frame(&self, d: &Doc<'_>, verb: usize, role: CueRole, out: &mut Vec<Mention>) {
        let team = self.team_at(d, verb + 1);
        let after_team = team.as_ref().map_or(verb + 1, |t| t.end_token);
        let prep = (after_team..(verb + 1 + OPPONENT_WINDOW).min(d.a.len()))
            .take_while(|&k| d.is_word(k))
            .find(|&k| self.cue(d, k) == Some(CueRole::OpponentPrep));
        if role == CueRole::ResultNoun && prep.is_none() {
            return;
        }
        let (hosted, opponent) = match prep {
            Some(p) if matches!(self.cue(d, p + 1), Some(CueRole::Host | CueRole::FrameHost)) => {
                (true, self.team_at(d, p + 2))
            }
            Some(p) => (false, self.team_at(d, p + 1)),
            None => (false, None),
        };
        let frame_end = opponent.as_ref().map_or(after_team, |o| o.end_token);
        let confirmed = hosted || self.goal_word_in(d, frame_end, frame_end + GOAL_WINDOW);
        // The team must reach the preposition: words between them are no team.
        let team = team.filter(|t| prep.is_none_or(|p| t.end_token == p));
        for t in [team, opponent].into_iter().flatten() {
            if t.city || confirmed {
                self.club(d, &t, "name/club-match-result", out);
            }
        }
    }

    /// `مباراة X وY` / `مباراة X ضد Y`: two cities are two clubs.
    fn match_frame(&self, d: &Doc<'_>, noun: usize, out: &mut Vec<Mention>) {
        let Some(first) = self.city_at(d, noun + 1, false) else {
            return;
        };
        let k = first.end_token;
        let second = if self.cue(d, k) == Some(CueRole::OpponentPrep) {
            self.city_at(d, k + 1, false)
        } else if k < d.a.len() && d.a.key(k).starts_with('و') {
            self.city_at(d, k, true)
                .filter(|c| c.start > d.a.tokens()[k].start)
        } else {
            None
        };
        if let Some(second) = second {
            self.club(d, &first, "name/club-match", out);
            self.club(d, &second, "name/club-match", out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleFiles;
    use crate::text::TokenKind;

    /// Where `may_start_city` says no city starts, the gazetteer's matches
    /// hold none, whole and after proclitics, on every token of the corpus
    /// articles and of texts written for the test; and the gate turns most
    /// tokens away.
    #[test]
    fn no_city_starts_where_the_gate_says_none_may() {
        let r = NameRecognizer::new(&RuleFiles::embedded()).unwrap();
        let mut texts = crate::perf::repo_corpus_texts();
        texts.push("فاز برشلونة على ليون ، وبالدار البيضاء ولندن وفي نيويورك".into());
        let (mut cities, mut gated, mut tokens) = (0, 0, 0);
        for text in &texts {
            let a = Analysis::new(text);
            let ctx = DocContext::plain("test", &a);
            let d = Doc::new(&ctx, r.vocab.features(&a));
            for i in 0..a.len() {
                for clitics in [false, true] {
                    tokens += 1;
                    let city = NameRecognizer::city_of(&r.gaz_matches(&d, i, clitics));
                    cities += usize::from(city.is_some());
                    if !NameRecognizer::may_start_city(&d, i, clitics) {
                        gated += 1;
                        assert!(city.is_none(), "a city at token {i} of {text}");
                    }
                }
            }
        }
        assert!(cities > 100, "{cities} cities found");
        assert!(gated * 2 > tokens, "{gated} of {tokens} asks turned away");
    }

    /// The `(` tokens found by the text's bytes are those a test of every
    /// token finds, on every corpus article and on texts written for the
    /// test (brackets glued to words, doubled, after NFKC, none).
    #[test]
    fn opening_brackets_are_the_tokens_whose_light_form_is_a_bracket() {
        let mut texts = crate::perf::repo_corpus_texts();
        texts.extend(
            [
                "الأهلي ( مصر ) - الترجي ( تونس )",
                "الأهلي (مصر) - الترجي((تونس))",
                "الأهلي （مصر） - الترجي ﹙تونس﹚ (",
                "(",
                "لا أقواس هنا",
                "",
            ]
            .map(String::from),
        );
        let mut brackets = 0;
        for text in &texts {
            let a = Analysis::new(text);
            let want: Vec<usize> = (0..a.len())
                .filter(|&k| a.tokens()[k].kind == TokenKind::Punct && a.light(k) == "(")
                .collect();
            assert_eq!(opening_brackets(&a), want, "{text}");
            brackets += want.len();
        }
        assert!(brackets > 10, "{brackets} brackets");
    }
}
