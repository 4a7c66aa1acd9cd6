/// Everything a caller may choose about how a paragraph is set. The defaults are a mainland
/// newspaper's: GB punctuation, strict line-start/end rules, 2-em indent, justified.
public struct ComposerOptions: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable, Codable {
        /// Whole-paragraph total-fit breaking.
        case optimal
        /// Line by line, for comparison and speed.
        case greedy
    }
    public var mode: Mode
    public var punctuationStyle: PunctuationStyle
    public var prohibition: ProhibitionLevel
    /// Let a final 、，。 hang past the measure (clreq §3.1.7). Off: most papers do not.
    public var hanging: Bool
    /// First-line indent in em of the paragraph's first character. Ignored when the text
    /// itself starts with U+3000 (the writer's own indent is kept as written).
    public var firstLineIndent: Double
    public var alignment: TextAlignment
    /// ¼ em (shrinkable to ⅛) between Han and Latin letters or digits.
    public var cjkLatinSpacing: Bool
    /// Drop an opening mark's left blank at a line start (clreq §3.1.6.3 allows it; Typst
    /// and LuaTeX-ja do it), so the ink lines up with the column edge. Off by default: the
    /// mark's em box then pokes ½ em into the gutter, and poppler's reading order (what a
    /// reader's copy or search gets) joins neighbouring columns line by line — 52.6 % of
    /// the bench corpus in order with trimming, 100 % without.
    public var trimOpeningAtLineStart: Bool
    /// The same at the paragraph's first line. Off: after the indent an opening quote keeps
    /// its full em, so the paragraph start reads as indented by the same 2 em of blank.
    public var trimOpeningAtParagraphStart: Bool

    public init(mode: Mode = .optimal, punctuationStyle: PunctuationStyle = .gb,
                prohibition: ProhibitionLevel = .strict, hanging: Bool = false,
                firstLineIndent: Double = 2, alignment: TextAlignment = .justify,
                cjkLatinSpacing: Bool = true, trimOpeningAtLineStart: Bool = false,
                trimOpeningAtParagraphStart: Bool = false) {
        self.mode = mode; self.punctuationStyle = punctuationStyle; self.prohibition = prohibition
        self.hanging = hanging; self.firstLineIndent = firstLineIndent; self.alignment = alignment
        self.cjkLatinSpacing = cjkLatinSpacing; self.trimOpeningAtLineStart = trimOpeningAtLineStart
        self.trimOpeningAtParagraphStart = trimOpeningAtParagraphStart
    }
}

/// The Chinese paragraph composer: shape → glue model → break (total-fit or greedy) →
/// justify → place. Thread-safe; share one per run so punctuation metrics are learnt once.
public struct ParagraphComposer: Sendable {
    public let shaper: Shaper
    public var options: ComposerOptions
    public let punctuation: PunctuationMetrics

    public init(shaper: Shaper, options: ComposerOptions = ComposerOptions()) {
        self.shaper = shaper
        self.options = options
        self.punctuation = PunctuationMetrics(language: shaper.language)
    }

    /// Sets `text` into lines. `measures[i]` is line i's width in points; the last entry
    /// repeats (page composition passes the widths of the columns a paragraph runs through).
    /// A paragraph that cannot fit (a word wider than the measure) is still set, with the
    /// line's `overflow` saying by how much.
    public func compose(_ text: StyledText, measures: [Double]) throws -> ComposedParagraph {
        let shaped = try shaper.shape(text)
        return compose(shaped: shaped, measures: measures).paragraph
    }

    /// Calls `body` with every glyph setting `shaped` can draw at any measure, as font, size
    /// and glyph id, in text order: the shaped glyphs and the composer's replacements (the
    /// GB interpunct's `fwid` form; a superset is harmless, a missing glyph is not). A PDF
    /// writer needs this before the first line is broken.
    public func forEachDrawableGlyph(of shaped: ShapedParagraph, _ body: (FontID, Double, UInt32) -> Void) {
        let scalars = shaped.scalars
        // Indexed, not sliced: a slice per cluster retained and released the glyph array for
        // every character of the galley.
        let glyphs = shaped.glyphs
        for c in shaped.clusters {
            for k in c.glyphStart..<c.glyphEnd { body(c.font, c.size, glyphs[k].id) }
            if c.start < scalars.count, BreakClass.of(scalars[c.start]) == .middleDot {
                body(c.font, c.size, punctuation.metrics(for: scalars[c.start], font: c.font, in: shaper.store).glyph)
            }
        }
    }

    /// Composes an already shaped paragraph; also returns the breaker's view for `explain`.
    public func compose(shaped: ShapedParagraph, measures: [Double]) -> (paragraph: ComposedParagraph, explanation: ComposerExplanation) {
        let ms = measures.isEmpty ? [Double.greatestFiniteMagnitude / 4] : measures
        let model = GlueModel(shaped: shaped, options: options, metrics: punctuation, store: shaper.store)
        let lm = LineMetrics(model: model, options: options)
        let optimal = TotalFitBreaker(lm: lm, measures: ms)
        let breaks = options.mode == .optimal ? optimal.breakLines() : GreedyBreaker(lm: lm, measures: ms).breakLines()
        let justifier = Justifier(lm: lm)
        let placer = LinePlacer(lm: lm, shaped: shaped)
        var lines: [ComposedLine] = []
        lines.reserveCapacity(breaks.count)
        for (l, b) in breaks.enumerated() {
            let measure = ms[min(l, ms.count - 1)]
            let last = b.end == model.n
            let p = justifier.place(b, first: l == 0, last: last, measure: measure)
            let rule = last ? BreakRule.paragraphEnd : model.rule[b.end]
            lines.append(placer.line(b, placement: p, measure: measure, last: last, reason: rule.description))
        }
        let para = ComposedParagraph(text: shaped.text, lines: lines, missing: shaped.missing)
        return (para, ComposerExplanation(paragraph: para, penalties: breaks.map { model.penalty[$0.end < model.n ? $0.end : 0] },
                                          rules: breaks.map { $0.end < model.n ? model.rule[$0.end] : .paragraphEnd }))
    }

    /// A text dump, one block per line: scalar range, text, width against measure,
    /// adjustment ratio, the rule that allowed the break, and glyph positions if asked.
    public func explain(_ text: StyledText, measures: [Double], glyphs: Bool = false) throws -> String {
        let shaped = try shaper.shape(text)
        return compose(shaped: shaped, measures: measures).explanation.dump(glyphs: glyphs)
    }
}
