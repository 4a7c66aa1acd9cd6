import Foundation
import Testing
@testable import BroadsheetText

/// The 34 cases of docs/linebreak-cases.json, each property checked on the composed lines.
struct LineBreakCase: Decodable, Sendable, CustomTestStringConvertible {
    var id: String
    var input: String
    var widths: [Double]
    var props: [String: JSONValue]
    var testDescription: String { "\(id) \(input)" }

    enum CodingKeys: String, CodingKey { case id, input, width_em, props }
    init(from d: Decoder) throws {
        let c = try d.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        input = try c.decode(String.self, forKey: .input)
        if let w = try? c.decode(Double.self, forKey: .width_em) { widths = [w] }
        else { widths = try c.decode([Double].self, forKey: .width_em) }
        props = try c.decode([String: JSONValue].self, forKey: .props)
    }

    static let all: [LineBreakCase] = {
        let data = try! ComposerFixtures.fixture("linebreak-cases", "json")
        return try! JSONDecoder().decode([LineBreakCase].self, from: data)
    }()
}

enum JSONValue: Decodable, Sendable {
    case string(String), number(Double), bool(Bool), array([JSONValue]), object([String: JSONValue])
    init(from d: Decoder) throws {
        let c = try d.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }
    var strings: [String] { if case .array(let a) = self { return a.compactMap { if case .string(let s) = $0 { s } else { nil } } }; return [] }
    var numbers: [Double] { if case .array(let a) = self { return a.compactMap { if case .number(let n) = $0 { n } else { nil } } }; return [] }
    var number: Double? { if case .number(let n) = self { return n }; return nil }
    var object: [String: JSONValue] { if case .object(let o) = self { return o }; return [:] }
}

@Suite struct LineBreakCaseTests {
    static let em = ComposerFixtures.size

    @Test func fixtureHasAll34Cases() {
        #expect(LineBreakCase.all.count == 34)
        #expect(Set(LineBreakCase.all.map(\.id)).count == 34)
    }

    @Test(arguments: LineBreakCase.all)
    func lineBreakCase(_ c: LineBreakCase) throws {
        for w in c.widths { try check(c, widthEm: w) }
    }

    func check(_ c: LineBreakCase, widthEm: Double) throws {
        let em = Self.em
        let indent = c.props["first_line_indent_em"]?.number ?? 0
        let composer = ComposerFixtures.composer(ComposerOptions(firstLineIndent: indent))
        let style = TextStyle(role: "body", size: em)
        let shaped = try composer.shaper.shape(c.input, style: style)
        let (p, explanation) = composer.compose(shaped: shaped, measures: [widthEm * em])
        let lines = p.lines
        let texts = lines.map { ComposerFixtures.text(p, $0) }
        let dump = "\(c.id) @\(widthEm)em\n" + explanation.dump()
        let scalars = p.text.scalars
        #expect(texts.joined() == c.input, "\(dump)")

        // Universal: no overfull line, justified lines flush, strict rules (the cases assume them).
        for (k, l) in lines.enumerated() {
            #expect(l.overflow == 0, "\(dump)")
            #expect(l.width <= widthEm * em + 0.01, "\(dump)")
            if !l.isLast { #expect(abs(l.width - widthEm * em) < 0.01 * em, "line \(k + 1) not flush\n\(dump)") }
        }
        for s in c.props["no_start"]?.strings ?? [] {
            for t in texts.dropFirst() { #expect(!t.hasPrefix(s), "line starts with \(s)\n\(dump)") }
        }
        for s in c.props["no_end"]?.strings ?? [] {
            for t in texts.dropLast() { #expect(!t.hasSuffix(s), "line ends with \(s)\n\(dump)") }
        }
        for s in c.props["together"]?.strings ?? [] {
            let target = Array(s.unicodeScalars.map(\.value))
            var found = false
            for start in 0...(scalars.count - target.count) where Array(scalars[start..<start + target.count]) == target {
                found = true
                let end = start + target.count
                #expect(lines.contains { $0.start <= start && end <= $0.end }, "\(s) split\n\(dump)")
            }
            #expect(found, "\(s) not in input")
        }
        if let mb = c.props["may_break"]?.numbers {
            let model = GlueModel(shaped: shaped, options: composer.options, metrics: composer.punctuation, store: composer.shaper.store)
            for i in mb.map(Int.init) {
                let k = try #require(shaped.clusters.firstIndex { $0.start == i })
                #expect(model.penalty[k] < BreakPenalty.forbidden, "break before \(i) should be legal")
            }
        }
        // Glyph geometry (independent of the composer's width bookkeeping).
        func glyphX(_ i: Int) -> (line: Int, x: Double)? {
            for (k, l) in lines.enumerated() { if let g = l.glyphs.first(where: { $0.clusterStart <= i && i < $0.clusterEnd }) { return (k, g.x) } }
            return nil
        }
        func occurrences(_ s: String) -> [Int] {
            let t = Array(s.unicodeScalars.map(\.value))
            guard t.count <= scalars.count else { return [] }
            return (0...(scalars.count - t.count)).filter { Array(scalars[$0..<$0 + t.count]) == t }
        }
        for (s, v) in c.props["adv"]?.object ?? [:] {
            // The room the substring takes between its neighbours: from the end of the glyph
            // before it (or the line start) to the glyph after it (or its last glyph's full
            // em when nothing follows).
            let occ = occurrences(s)
            #expect(!occ.isEmpty, "\(s) not found")
            for start in occ {
                let end = start + s.unicodeScalars.count
                let a = try #require(glyphX(start))
                let lastStart = shaped.clusters.last { $0.start < end }!.start
                let b = try #require(glyphX(lastStart))
                #expect(a.line == b.line, "\(s) split across lines\n\(dump)")
                let left: Double
                if let prev = shaped.clusters.last(where: { $0.end <= start }), let px = glyphX(prev.start), px.line == a.line {
                    left = px.x + prev.advance
                } else {
                    left = a.line == 0 ? indent * em : 0
                }
                let right: Double
                if end < scalars.count, let n = glyphX(end), n.line == a.line { right = n.x }
                else { right = b.x + ComposerFixtures.nominalAdvance(shaped, clusterStart: lastStart) }
                let adv = (right - left) / em
                #expect(abs(adv - (v.number ?? 0)) < 0.02, "ADV \(s) = \(adv), want \(v.number ?? 0)\n\(dump)")
            }
        }
        for (pair, v) in c.props["gap"]?.object ?? [:] {
            let occ = occurrences(pair)
            #expect(!occ.isEmpty)
            let want = v.number ?? 0
            for i in occ {
                guard let a = glyphX(i), let b = glyphX(i + 1) else { Issue.record("no glyph"); continue }
                if a.line != b.line { continue }      // no spacing across a break: checked below
                let gap = (b.x - a.x - ComposerFixtures.nominalAdvance(shaped, clusterStart: i)) / em
                if want == 0 {
                    #expect(abs(gap) < 0.01, "gap \(pair) = \(gap)\n\(dump)")
                } else {
                    let extra = max(0, lines[a.line].ratio) * LineMetrics.looseGap
                    #expect(gap >= 0.125 - 0.01 && gap <= 1.0 / 3 + extra + 0.01, "gap \(pair) = \(gap)\n\(dump)")
                }
            }
        }
        if let n = c.props["last_line_min_ideographs"]?.number {
            let last = try #require(texts.last)
            let letters = last.unicodeScalars.filter { BreakClass.of($0.value) == .ideograph }.count
            #expect(Double(letters) >= n, "孤字: \(last)\n\(dump)")
        }
        if c.props["first_line_indent_em"] != nil {
            let g = try #require(lines.first?.glyphs.first)
            #expect(abs(g.x - indent * em) < 0.01)
        }
        if c.props["last_line_not_stretched"] != nil {
            let last = try #require(lines.last)
            #expect(last.ratio <= 0)
            for (g, h) in zip(last.glyphs, last.glyphs.dropFirst()) where BreakClass.of(scalars[g.clusterStart]) == .ideograph {
                let gap = h.x - g.x - ComposerFixtures.nominalAdvance(shaped, clusterStart: g.clusterStart)
                if BreakClass.of(scalars[h.clusterStart]) == .ideograph { #expect(abs(gap) < 0.001) }
            }
        }
        if c.props["prefer"] != nil {
            // T25: push-in — line 1 ends in 流。 with no space added between ideographs.
            #expect(texts.first?.hasSuffix("流。") == true, "\(dump)")
            #expect((lines.first?.ratio ?? 1) <= 0, "\(dump)")
        }
        if let w = c.props["max_line_width"]?.number {
            for l in lines { #expect(l.width <= w * em + 0.01 && l.overflow == 0, "\(dump)") }
            #expect(lines.count > 1)
        }
        if let trim = c.props["line_start_open_bracket_trim"]?.number {
            // Optional in clreq: by default an opening mark keeps its blank at a line start
            // (its em box stays inside the column); asked to, it loses exactly ½ em.
            let opening = lines.filter { BreakClass.of(scalars[$0.start]) == .opening }
            #expect(!opening.isEmpty)
            for l in opening { #expect(abs(l.glyphs[0].x) < 0.01, "\(dump)") }
            let trimming = ComposerFixtures.composer(ComposerOptions(firstLineIndent: 0, trimOpeningAtLineStart: true,
                                                                     trimOpeningAtParagraphStart: true))
            let t = trimming.compose(shaped: shaped, measures: [widthEm * em]).paragraph
            let trimmed = t.lines.filter { BreakClass.of(scalars[$0.start]) == .opening }
            #expect(!trimmed.isEmpty)
            for l in trimmed { #expect(abs(l.glyphs[0].x + trim * em) < 0.01) }
            for l in t.lines where !l.isLast { #expect(abs(l.width - widthEm * em) < 0.01) }
        }
        if c.props["line_edge_no_cjk_latin_gap"] != nil {
            var checked = 0
            for l in lines {
                let first = l.glyphs[0]
                if BreakClass.of(scalars[first.clusterStart]).isWestern { #expect(abs(first.x) < 0.01); checked += 1 }
                if !l.isLast, let g = l.glyphs.last, BreakClass.of(scalars[g.clusterStart]).isWestern {
                    #expect(abs(g.x + ComposerFixtures.nominalAdvance(shaped, clusterStart: g.clusterStart) - l.measure) < 0.01, "\(dump)")
                    checked += 1
                }
            }
            #expect(checked > 0, "\(dump)")
        }
        for (s, v) in c.props["internal_gap"]?.object ?? [:] {
            for start in occurrences(s) {
                let end = start + s.unicodeScalars.count
                let cl = shaped.clusters.filter { $0.start >= start && $0.end <= end }
                for (x, y) in zip(cl, cl.dropFirst()) {
                    guard let a = glyphX(x.start), let b = glyphX(y.start), a.line == b.line else { continue }
                    let gap = (b.x - a.x - x.advance) / em
                    #expect(abs(gap - (v.number ?? 0)) < 0.01, "gap inside \(s) = \(gap)\n\(dump)")
                }
            }
        }
        if let w = c.props["first_two_chars_are_u3000_width"]?.number {
            let x = try #require(glyphX(2))
            #expect(x.line == 0 && abs(x.x - w * em) < 0.01, "\(dump)")
        }
        if c.props["uniform_cjk_gaps"] != nil {
            for l in lines where !l.isLast {
                var gaps: [Double] = []
                for (g, h) in zip(l.glyphs, l.glyphs.dropFirst())
                where BreakClass.of(scalars[g.clusterStart]) == .ideograph && BreakClass.of(scalars[h.clusterStart]) == .ideograph {
                    gaps.append(h.x - g.x - ComposerFixtures.nominalAdvance(shaped, clusterStart: g.clusterStart))
                }
                if let lo = gaps.min(), let hi = gaps.max() { #expect(hi - lo < 0.001, "\(dump)") }
            }
        }
    }
}
