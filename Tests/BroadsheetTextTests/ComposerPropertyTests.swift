import Foundation
import Testing
@testable import BroadsheetText

/// Properties over every paragraph of the peer-benchmark corpus at every column width from
/// 6 to 30 em, in both modes, checked from the composed glyphs and text alone.
@Suite struct ComposerPropertyTests {
    static let em = 9.0
    static let widths = Array(6...30)

    static func check(_ p: ComposedParagraph, measure: Double, label: String) {
        let s = p.text.scalars
        let lines = p.lines
        #expect(!lines.isEmpty, "\(label)")
        // Lines cover the paragraph, in order, without gaps or overlaps.
        #expect(lines.first?.start == 0 && lines.last?.end == s.count, "\(label)")
        for (a, b) in zip(lines, lines.dropFirst()) { #expect(a.end == b.start, "\(label)") }
        #expect(lines.map { ComposerFixtures.text(p, $0) }.joined() == StyledText.string(s[...]), "\(label)")
        for (k, l) in lines.enumerated() {
            let text = ComposerFixtures.text(p, l)
            let where_ = "\(label) line \(k + 1): \(text)"
            if k > 0 { #expect(!ComposerFixtures.noStart.contains(s[l.start]), "starts with a prohibited mark: \(where_)") }
            if !l.isLast {
                #expect(!ComposerFixtures.noEnd.contains(s[l.end - 1]), "ends with a prohibited mark: \(where_)")
                #expect(!ComposerFixtures.splitsUnbreakable(s, at: l.end), "splits a sequence: \(where_)")
                #expect(abs(l.width - measure) < 0.01, "not flush (\(l.width) vs \(measure)): \(where_)")
            }
            #expect(l.overflow == 0 && l.width <= measure + 0.01, "overfull: \(where_)")
            // No glyph starts past the measure (ink could still be inside for a ½-em mark).
            for g in l.glyphs where s[g.clusterStart] != 0x20 && s[g.clusterStart] != 0x3000 {
                #expect(g.x < measure - 0.2 * em, "glyph past the edge: \(where_)")
            }
        }
    }

    @Test(arguments: [ComposerOptions.Mode.optimal, .greedy])
    func sampleParagraphsAtEveryWidth(_ mode: ComposerOptions.Mode) throws {
        let composer = ComposerFixtures.composer(ComposerOptions(mode: mode))
        let style = TextStyle(role: "body", size: Self.em)
        #expect(ComposerFixtures.sampleParagraphs.count == 34)
        for (pi, para) in ComposerFixtures.sampleParagraphs.enumerated() {
            let shaped = try composer.shaper.shape(para, style: style)
            for w in Self.widths {
                let measure = Double(w) * Self.em
                let p = composer.compose(shaped: shaped, measures: [measure]).paragraph
                Self.check(p, measure: measure, label: "\(mode) para \(pi + 1) @\(w)em")
            }
        }
    }

    /// The checker's runt rule and 孤字: a multi-line paragraph's last line has at least two
    /// characters besides punctuation and three glyphs. Optimal mode only (greedy cannot look back).
    @Test func optimalModeAvoidsOrphans() throws {
        let composer = ComposerFixtures.composer(ComposerOptions())
        let style = TextStyle(role: "body", size: Self.em)
        var checked = 0
        for para in ComposerFixtures.sampleParagraphs {
            let shaped = try composer.shaper.shape(para, style: style)
            for w in [10, 12.68, 13, 16, 20] {
                let p = composer.compose(shaped: shaped, measures: [w * Self.em]).paragraph
                guard p.lines.count >= 2, let last = p.lines.last else { continue }
                checked += 1
                let letters = p.text.scalars[last.start..<last.end].filter { BreakClass.of($0).isLetterLike }.count
                #expect(letters >= 2 && last.end - last.start >= 3, "runt: \(ComposerFixtures.text(p, last)) @\(w)em")
            }
        }
        #expect(checked > 100)
    }

    /// Total fit should never be looser than greedy on the whole: compare the widest gap
    /// between ideographs and the number of runts over the corpus at the benchmark width.
    @Test func optimalIsNoWorseThanGreedy() throws {
        let style = TextStyle(role: "body", size: Self.em)
        let measure = 114.09
        func stats(_ mode: ComposerOptions.Mode) throws -> (maxRatio: Double, runts: Int, lines: Int, worst: String) {
            let composer = ComposerFixtures.composer(ComposerOptions(mode: mode))
            var maxRatio = 0.0, runts = 0, lines = 0, worst = ""
            for para in ComposerFixtures.sampleParagraphs {
                let p = try composer.compose(StyledText(para, style: style), measures: [measure])
                lines += p.lines.count
                for l in p.lines where !l.isLast && l.ratio > maxRatio { maxRatio = l.ratio; worst = ComposerFixtures.text(p, l) }
                if let last = p.lines.last, p.lines.count > 1, last.end - last.start < 3 { runts += 1 }
            }
            return (maxRatio, runts, lines, worst)
        }
        let o = try stats(.optimal), g = try stats(.greedy)
        #expect(o.maxRatio <= g.maxRatio + 1e-9)
        #expect(o.runts <= g.runts)
        #expect(o.runts == 0)
        // Widest Han–Han gap below Typst's 0.21 em on this job.
        #expect(o.maxRatio * LineMetrics.looseGap < 0.21, "max extra gap \(o.maxRatio * LineMetrics.looseGap) em in \(o.worst)")
        #expect(abs(o.lines - g.lines) <= g.lines / 20)
    }
}

@Suite struct ComposerBehaviourTests {
    let style = TextStyle(role: "body", size: 10)

    @Test func explainNamesTheRuleOfEveryBreak() throws {
        let composer = ComposerFixtures.composer()
        let text = "会议强调要统筹发展和安全。坚持稳中求进工作总基调，2024年经济增长5.2%。"
        let dump = try composer.explain(StyledText(text, style: style), measures: [120], glyphs: true)
        let p = try composer.compose(StyledText(text, style: style), measures: [120])
        #expect(dump.split(separator: "\n").filter { $0.hasPrefix("line ") }.count == p.lines.count)
        for (k, l) in p.lines.enumerated() {
            #expect(dump.contains("line \(k + 1) [\(l.start)..<\(l.end)] \(ComposerFixtures.text(p, l))"))
            #expect(!l.breakReason.isEmpty)
            #expect(dump.contains("break: \(l.breakReason)"))
        }
        #expect(dump.contains("end of paragraph"))
        #expect(dump.contains("ratio"))
        #expect(dump.contains("glyphs: 会@0.0"))
    }

    @Test(arguments: [TextAlignment.left, .center, .right])
    func raggedAlignmentsPlaceLinesAtTheirEdge(_ a: TextAlignment) throws {
        let composer = ComposerFixtures.composer(ComposerOptions(firstLineIndent: 0, alignment: a))
        let p = try composer.compose(StyledText("全省经济高质量发展现场会在平湖召开", style: style), measures: [95])
        #expect(p.lines.count == 2)
        for l in p.lines {
            let left = l.glyphs[0].x
            let right = l.width
            let natural = right - left
            switch a {
            case .left: #expect(abs(left) < 0.01)
            case .right: #expect(abs(right - 95) < 0.01)
            case .center: #expect(abs(left - (95 - natural) / 2) < 0.01)
            case .justify: break
            }
            #expect(l.ratio == 0)
        }
    }

    @Test func overlongSingleLineIsSetAndReported() throws {
        let composer = ComposerFixtures.composer(ComposerOptions(firstLineIndent: 0, alignment: .center))
        // A range that must not break, wider than the measure: set whole, reported as overfull.
        let text = "2024—2027"
        let p = try composer.compose(StyledText(text, style: style), measures: [30])
        #expect(p.lines.count == 1)
        let l = try #require(p.lines.first)
        #expect(l.overflow > 0)
        #expect(l.end == text.unicodeScalars.count)
        #expect(l.glyphs.count == 9)
    }

    @Test func boldSpanComposesLikePlainTextWithItsOwnFace() throws {
        let composer = ComposerFixtures.composer()
        let text = "本报讯 近日，平湖绿色石化产业成功入选省级协同区名单，算力产业入选“新星”产业集群名单。"
        let s = Array(text.unicodeScalars.map(\.value))
        let bold = TextStyle(role: "song-bold", size: 10)
        let styled = StyledText(scalars: s, spans: [.init(start: 0, end: 3, style: bold), .init(start: 3, end: s.count, style: style)])
        let p = try composer.compose(styled, measures: [100])
        let plain = try composer.compose(StyledText(text, style: style), measures: [100])
        #expect(p.lines.map(\.end) == plain.lines.map(\.end) || p.lines.count == plain.lines.count)
        let boldFace = try ComposerFixtures.store.chain(for: "song-bold")[0]
        let first = p.lines[0].glyphs.prefix(3)
        #expect(first.allSatisfy { $0.font == boldFace && $0.span == 0 })
        #expect(p.lines[0].glyphs.dropFirst(3).allSatisfy { $0.span == 1 })
        for l in p.lines where !l.isLast { #expect(abs(l.width - 100) < 0.01) }
    }

    @Test func spaceBetweenHanAndLatinBecomesTheQuarterEm() throws {
        let composer = ComposerFixtures.composer(ComposerOptions(firstLineIndent: 0))
        let typed = try composer.compose(StyledText("推进 AI 应用", style: style), measures: [500])
        let bare = try composer.compose(StyledText("推进AI应用", style: style), measures: [500])
        let a = typed.lines[0].glyphs.first { $0.clusterStart == 3 }!.x
        let b = bare.lines[0].glyphs.first { $0.clusterStart == 2 }!.x
        #expect(abs(a - b) < 0.01)
        #expect(abs(b - 22.5) < 0.01)   // 2 em + ¼ em
    }

    @Test(arguments: PunctuationStyle.allCases)
    func punctuationStylesSetTheStopWidth(_ st: PunctuationStyle) throws {
        let composer = ComposerFixtures.composer(ComposerOptions(punctuationStyle: st, firstLineIndent: 0))
        let p = try composer.compose(StyledText("好。好，好", style: style), measures: [500])
        let g = p.lines[0].glyphs
        let stop = g[2].x - g[0].x - 10     // room taken by 。
        let comma = g[4].x - g[2].x - 10
        switch st {
        case .gb, .quanjiao: #expect(abs(stop - 10) < 0.01); #expect(abs(comma - 10) < 0.01)
        case .kaiming: #expect(abs(stop - 10) < 0.01); #expect(abs(comma - 5) < 0.01)
        case .banjiao: #expect(abs(stop - 5) < 0.01); #expect(abs(comma - 5) < 0.01)
        }
    }

    @Test func haltMetricsComeFromTheFont() throws {
        let m = PunctuationMetrics()
        let store = ComposerFixtures.store
        let song = try store.chain(for: "body")[0]
        let open = m.metrics(for: 0x201C, font: song, in: store)
        let close = m.metrics(for: 0xFF0C, font: song, in: store)
        #expect(open.fullAdvance == 1000 && open.halfAdvance == 500 && open.leftBlank == 500)
        #expect(close.halfAdvance == 500 && close.rightBlank == 500 && close.leftBlank == 0)
        let dot = m.metrics(for: 0xB7, font: song, in: store)
        #expect(dot.halfAdvance == 500 && dot.leftBlank == 250)
    }

    @Test func hangingPunctuationOnlyWhenAsked() throws {
        let text = "今年以来我国经济运行总体平稳，稳中有进，高质量发展扎实推进。"
        let off = try ComposerFixtures.composer(ComposerOptions(firstLineIndent: 0)).compose(StyledText(text, style: style), measures: [140])
        #expect(off.lines.allSatisfy { !$0.hangs })
        let on = try ComposerFixtures.composer(ComposerOptions(hanging: true, firstLineIndent: 0)).compose(StyledText(text, style: style), measures: [140])
        let hung = on.lines.filter(\.hangs)
        #expect(!hung.isEmpty)
        for l in hung {
            let last = on.text.scalars[l.end - 1]
            #expect([0x3001, 0xFF0C, 0x3002].contains(last))
            #expect(abs(l.width - 140) < 0.01)
            #expect(l.glyphs.last!.x >= 140 - 0.01)
        }
    }

    @Test func measuresChangePerLine() throws {
        let composer = ComposerFixtures.composer()
        let para = ComposerFixtures.sampleParagraphs[0]
        let p = try composer.compose(StyledText(para, style: style), measures: [80, 80, 130])
        #expect(p.lines.count > 3)
        for (k, l) in p.lines.enumerated() {
            #expect(l.measure == (k < 2 ? 80 : 130))
            if !l.isLast { #expect(abs(l.width - l.measure) < 0.01) }
        }
    }
}

@Suite struct TotalFitPruningTests {
    /// The bound that lets the tight first pass stand: a line exactly at the proven gap
    /// costs the bound on its own (so any looser line costs more); weak bounds prove nothing.
    @Test func provenGapMatchesTheLineCostItIsDerivedFrom() {
        for bound in [1.0, 50, 500, 5_000, 1e5, 3.9e6] {
            guard let gap = TotalFitBreaker.provenGap(bound) else { Issue.record("no gap for \(bound)"); continue }
            let q = gap / LineMetrics.looseGap
            let lineCost = (1 + 100 * q * q * q) * (1 + 100 * q * q * q)
            #expect(abs(lineCost - bound) <= 1e-6 * bound, "bound \(bound): line at \(gap) em costs \(lineCost)")
        }
        #expect(TotalFitBreaker.provenGap(4e6) == nil)
        #expect(TotalFitBreaker.provenGap(.infinity) == nil)
        // A typical well-set paragraph (a few hundred demerits) is proven by the tight pass.
        #expect((TotalFitBreaker.provenGap(500) ?? 1) < TotalFitBreaker.tightGap)
    }

    /// Every sample paragraph's line metrics at 9 pt, default options: what the breaker reads.
    static func sampleMetrics() throws -> [(paragraph: String, lm: LineMetrics)] {
        let composer = ComposerFixtures.composer(ComposerOptions())
        let style = TextStyle(role: "body", size: 9)
        return try ComposerFixtures.sampleParagraphs.map { para in
            let shaped = try composer.shaper.shape(para, style: style)
            let model = GlueModel(shaped: shaped, options: composer.options, metrics: composer.punctuation,
                                  store: composer.shaper.store)
            return (para, LineMetrics(model: model, options: composer.options))
        }
    }

    /// The first pass skips lines needing more than 0.3 em per gap (a second runs when its
    /// cost cannot prove that safe); on the whole sample at every width the chosen breaks
    /// must be those of the unpruned search.
    @Test func pruningChangesNoBreakOnTheSample() throws {
        var compared = 0
        for (para, lm) in try Self.sampleMetrics() {
            for w in stride(from: 6.0, through: 30, by: 1) + [12.68] {
                let fast = TotalFitBreaker(lm: lm, measures: [w * 9])
                let full = TotalFitBreaker(lm: lm, measures: [w * 9], allowPruning: false)
                let a = fast.breakLines().map(\.end), b = full.breakLines().map(\.end)
                #expect(a == b, "\(w) em: \(para.prefix(12))")
                compared += 1
            }
        }
        #expect(compared == 34 * 26)
    }

    /// The first pass's quick looseness test may only skip lines the exact test skips: over
    /// every line of every sample paragraph at several widths and limits, each line it
    /// calls too loose is too loose by `tooLoose`; it does skip lines (else it saves nothing
    /// and this proves nothing); and a too-loose line it lets through lies within its margin
    /// of the limit (ties: em-multiple widths against a limit such as 0.3 em round either way).
    @Test func quickLoosenessTestSkipsOnlyLinesTheExactTestSkips() throws {
        let settings: [(w: Double, limit: Double)] = [6.0, 12.68, 13, 20].flatMap { w in
            [0.1, TotalFitBreaker.tightGap, TotalFitBreaker.pruneGap].map { (w, $0) }
        }
        var skipped = 0
        for (para, lm) in try Self.sampleMetrics() {
            for (w, limit) in settings {
                let measure = w * 9, limitEm = limit * lm.em
                for j in stride(from: 2, to: lm.model.n, by: 1) {
                    let end = lm.looseEnd(j, measure: measure, limitEm: limitEm)
                    for i in max(1, j - 40)..<j {
                        let exact = lm.tooLoose(i, j, measure: measure, limit: limit, natural: lm.natural(i, j, first: false))
                        if lm.surelyTooLoose(i, end: end, limitEm: limitEm) {
                            skipped += 1
                            #expect(exact, "\(w) em, limit \(limit): line \(i)..<\(j) of \(para.prefix(12))")
                        } else if exact {
                            #expect(lm.surelyTooLoose(i, end: end - 2 * LineMetrics.looseMargin, limitEm: limitEm),
                                    "\(w) em, limit \(limit): line \(i)..<\(j) too loose beyond the margin")
                        }
                    }
                }
            }
        }
        #expect(skipped > 10_000)
    }

    /// LineMetrics and the Justifier keep one SIMD8 lane per shrink step.
    @Test func shrinkStepsFitTheirLanes() {
        #expect(ShrinkStep.allCases.count == ShrinkStep.count)
        #expect(ShrinkStep.costPerEm.count == ShrinkStep.count)
    }
}

@Suite struct ProhibitionLevelTests {
    let style = TextStyle(role: "body", size: 10)

    func texts(_ text: String, em: Double, _ level: ProhibitionLevel) throws -> [String] {
        let c = ComposerFixtures.composer(ComposerOptions(prohibition: level, firstLineIndent: 0))
        let p = try c.compose(StyledText(text, style: style), measures: [em * 10])
        return p.lines.map { ComposerFixtures.text(p, $0) }
    }

    @Test func noneLetsACommaStartALine() throws {
        let t = "今年以来我国经济运行总体平稳，稳中有进，高质量发展扎实推进。"
        #expect(try texts(t, em: 14, .none).dropFirst().contains { $0.hasPrefix("，") })
        #expect(try !texts(t, em: 14, .basic).dropFirst().contains { $0.hasPrefix("，") })
    }

    @Test func onlyStrictKeepsTheDashOffTheLineStart() throws {
        let t = "这是一个好消息——全年粮食产量再创新高。"
        #expect(try texts(t, em: 8, .gb).dropFirst().contains { $0.hasPrefix("——") })
        let strict = try texts(t, em: 8, .strict)
        #expect(!strict.dropFirst().contains { $0.hasPrefix("—") })
        #expect(strict.contains { $0.contains("——") })      // never split either way
    }

    @Test func gbKeepsTheSolidusOffBothEdges() throws {
        let t = "作品涵盖诗歌／散文／小说等体裁。"
        for w in [5.0, 6, 7] {
            let gb = try texts(t, em: w, .gb)
            #expect(!gb.dropLast().contains { $0.hasSuffix("／") }, "\(gb)")
            #expect(!gb.dropFirst().contains { $0.hasPrefix("／") }, "\(gb)")
        }
        // Basic allows both breaks around ／; GB forbids them.
        let c = ComposerFixtures.composer()
        let shaped = try c.shaper.shape(t, style: style)
        for (level, legal) in [(ProhibitionLevel.basic, true), (.gb, false)] {
            var o = c.options
            o.prohibition = level
            let m = GlueModel(shaped: shaped, options: o, metrics: c.punctuation, store: c.shaper.store)
            for k in [6, 7] { #expect((m.penalty[k] < BreakPenalty.forbidden) == legal, "\(level) gap \(k)") }
        }
    }
}

@Suite struct ComposerRobustnessTests {
    /// Deterministic pseudo-random text from an alphabet heavy in the awkward cases: runs of
    /// marks, dashes and ellipses, numbers with affixes, Latin words, spaces, U+3000.
    static func randomParagraph(_ seed: inout UInt64) -> String {
        let pieces = ["中", "国", "经", "济", "，", "。", "、", "：", "；", "！", "？", "“", "”", "（", "）", "《", "》",
                      "——", "……", "·", "～", "／", "2024", "3.5%", "￥1200", "38℃", "AI", "Broadsheet", " ", "　",
                      "https://example.com/a/b", "「", "」", "—", "…", "%", "年", "月"]
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        let n = 1 + next() % 60
        return (0..<n).map { _ in pieces[next() % pieces.count] }.joined()
    }

    @Test(arguments: [ComposerOptions.Mode.optimal, .greedy])
    func arbitraryTextAlwaysComposesToItsOwnText(_ mode: ComposerOptions.Mode) throws {
        var seed: UInt64 = 20250110
        let style = TextStyle(role: "body", size: 10)
        for style2 in PunctuationStyle.allCases {
            let composer = ComposerFixtures.composer(ComposerOptions(mode: mode, punctuationStyle: style2, hanging: style2 == .gb))
            for _ in 0..<60 {
                let text = Self.randomParagraph(&seed)
                for w in [3.0, 7, 12.68, 25] {
                    let p = try composer.compose(StyledText(text, style: style), measures: [w * 10, w * 8])
                    let scalars = p.text.scalars
                    #expect(p.lines.first?.start == 0 && p.lines.last?.end == scalars.count, "\(text)")
                    for (a, b) in zip(p.lines, p.lines.dropFirst()) { #expect(a.end == b.start) }
                    #expect(p.lines.map { ComposerFixtures.text(p, $0) }.joined() == text)
                    for l in p.lines {
                        // Either it fits (a hanging mark may sit past the edge) or it says by how much it does not.
                        #expect(l.overflow > 0 || l.width <= l.measure + 0.01 || l.hangs, "\(text) @\(w)")
                        #expect(l.glyphs.allSatisfy { $0.x.isFinite })
                    }
                }
            }
        }
    }
}
