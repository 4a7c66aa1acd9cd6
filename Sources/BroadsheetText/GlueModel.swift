/// Shrink priorities of clreq §3.8, earliest first. Within one step every candidate on the
/// line gives up the same fraction; a later step is touched only when earlier ones are spent.
enum ShrinkStep: Int, CaseIterable {
    case wordSpace = 0      // 2. Western word spaces, down to ¼ em
    case interpunct         // 3. interpuncts
    case bracket            // 4. brackets
    case pause              // 5. ，、；：
    case cjkLatin           // 6. Han–Latin gaps, down to ⅛ em
    case quote              // quotes after brackets: squeezed quotes read as missing (RESULTS.md on Typst)
    case stop               // 7. 。？！ — last, because their blank marks the sentence end
    /// Beyond clreq: a mid-paragraph U+3000 (the dateline gap in 本报讯　) may give up ¼ em
    /// when nothing else can, rather than leave a line with 0.4-em holes between ideographs.
    case ideographicSpace

    /// One lane each in the SIMD8s of shrink sums (LineMetrics) and of shrink fractions
    /// (Justifier); a test holds `allCases` to this.
    static let count = 8
    /// Demerit per em squeezed: cheap for commas and brackets so that push-in beats spacing
    /// ideographs out (clreq §3.8.2), dearer for the marks readers notice.
    static let costPerEm: [Double] = [4, 4, 6, 6, 16, 24, 40, 60]
}

/// Stretch levels of clreq §3.8's expansion order.
enum StretchLevel: UInt8 {
    case none = 0
    case wordSpace = 1      // up to ½ em
    case cjkLatin = 2       // ¼ em up to ⅓ em
}

/// The paragraph as boxes and glue (§3 of the line-breaking notes): one box per cluster,
/// glue in every gap between adjacent clusters, full-width punctuation split into its ink
/// half (box) and its blank half (glue on the blank side). Because a break discards the
/// gap's glue, line-edge compression (GB §5.1.10) and adjacent-mark compression fall out of
/// the model instead of being special cases. Struct of arrays, filled once per paragraph.
struct GlueModel {
    var n = 0
    var cls: [BreakClass] = []
    var firstScalar: [UInt32] = []
    var size: [Double] = []
    /// Width of each cluster's box (its advance without blanks).
    var box: [Double] = []
    /// The blank the font puts left of the ink; glyphs are drawn at box start − this.
    var inkShift: [Double] = []
    /// Replacement glyph (the `fwid` interpunct), or `noGlyph`.
    var glyphOverride: [UInt32] = []
    /// Blank kept before a cluster that starts a line / after one that ends a line.
    var startKeep: [Double] = []
    var endKeep: [Double] = []
    /// Part of `endKeep` that may be squeezed (quanjiao), at priority `endKeepStep`.
    var endKeepShrink: [Double] = []
    var endKeepStep: [UInt8] = []
    /// Gap k lies before cluster k (gap 0 unused).
    var gapNat: [Double] = []
    var gapShrink: [Double] = []
    var gapShrinkStep: [UInt8] = []
    var gapStretch: [Double] = []
    var gapStretchLevel: [UInt8] = []
    /// Share of the expansion each gap takes (0 = never expanded). A Han–Han gap takes 1;
    /// the blank after 、，。；： takes `afterPauseWeight`, because widening the pause a
    /// reader already sees there is less visible than opening up ideographs.
    var justifyWeight: [UInt8] = []
    var penalty: [Int32] = []
    var rule: [BreakRule] = []

    static let noGlyph = UInt32.max

    static let cjkLatinSpace = 0.25     // clreq §3.2.2: up to ¼ em
    static let cjkLatinMin = 0.125      // clreq §3.8 step 6: down to ⅛ em
    static let cjkLatinMax = 1.0 / 3    // expansion step 2: often capped at ⅓ em
    static let wordSpaceMin = 0.25
    static let wordSpaceMax = 0.5
    static let ideographicSpaceShrink = 0.25
    static let afterPauseWeight: UInt8 = 3
}

extension GlueModel {
    init(shaped: ShapedParagraph, options: ComposerOptions, metrics: PunctuationMetrics, store: FontStore) {
        let clusters = shaped.clusters
        let scalars = shaped.text.scalars
        let n = clusters.count
        self.n = n
        cls = [BreakClass](repeating: .ideograph, count: n)
        firstScalar = [UInt32](repeating: 0, count: n)
        size = [Double](repeating: 0, count: n)
        box = [Double](repeating: 0, count: n)
        inkShift = [Double](repeating: 0, count: n)
        glyphOverride = [UInt32](repeating: Self.noGlyph, count: n)
        startKeep = [Double](repeating: 0, count: n)
        endKeep = [Double](repeating: 0, count: n)
        endKeepShrink = [Double](repeating: 0, count: n)
        endKeepStep = [UInt8](repeating: 0, count: n)
        gapNat = [Double](repeating: 0, count: n + 1)
        gapShrink = [Double](repeating: 0, count: n + 1)
        gapShrinkStep = [UInt8](repeating: 0, count: n + 1)
        gapStretch = [Double](repeating: 0, count: n + 1)
        gapStretchLevel = [UInt8](repeating: 0, count: n + 1)
        justifyWeight = [UInt8](repeating: 0, count: n + 1)
        penalty = [Int32](repeating: BreakPenalty.forbidden, count: n + 1)
        rule = [BreakRule](repeating: .betweenCJK, count: n + 1)
        guard n > 0 else { return }

        var scalarCount = [Int32](repeating: 1, count: n)
        for k in 0..<n {
            let v = scalars[clusters[k].start]
            firstScalar[k] = v
            cls[k] = BreakClass.of(v)
            size[k] = clusters[k].size
            box[k] = clusters[k].advance
            scalarCount[k] = Int32(clusters[k].end - clusters[k].start)
        }
        // Context: separators inside numbers, hyphens and apostrophes inside words.
        for k in 0..<n {
            let prev: BreakClass? = k > 0 ? cls[k - 1] : nil
            let next: BreakClass? = k + 1 < n ? BreakClass.of(firstScalar[k + 1]) : nil
            let v = firstScalar[k]
            if (v == 0x2C || v == 0x2E), prev == .digit, next == .digit { cls[k] = .numberSeparator }
            if (v == 0x2D || v == 0x2019), prev == .latin, next == .latin { cls[k] = .latin }
        }
        // Position inside runs of dashes / ellipses, counted in characters.
        var runPos = [Int32](repeating: 0, count: n)
        var runLen = [Int32](repeating: 0, count: n)
        var k = 0
        while k < n {
            let c = cls[k]
            guard c == .dash || c == .ellipsis else { k += 1; continue }
            var j = k, pos: Int32 = 0
            while j < n, cls[j] == c { runPos[j] = pos; pos += scalarCount[j]; j += 1 }
            for m in k..<j { runLen[m] = pos }
            k = j
        }

        // Punctuation blanks from the font's own half-width metrics.
        let style = options.punctuationStyle
        var lb = [Double](repeating: 0, count: n)     // natural blank left of the box
        var rb = [Double](repeating: 0, count: n)
        var lbStep = [UInt8](repeating: 0, count: n)
        for k in 0..<n where cls[k].hasBlank && scalarCount[k] == 1 {
            let c = clusters[k]
            let g = c.glyphEnd - c.glyphStart
            guard g == 1 else { continue }
            let m = metrics.metrics(for: firstScalar[k], font: c.font, in: store)
            let upem = Double(store.font(c.font).unitsPerEm)
            let scale = c.size / upem
            let em = c.size
            if cls[k] == .middleDot {
                // GB: the interpunct is fixed at ½ em, centred (fwid + halt).
                glyphOverride[k] = m.glyph
                box[k] = Double(m.halfAdvance) * scale
                inkShift[k] = -Double(m.leftBlank) * scale
                continue
            }
            // Only full-width forms carry a blank (a proportional ” in Latin text does not).
            guard c.advance >= 0.9 * em, m.halfAdvance < m.fullAdvance else { continue }
            let l = Double(m.leftBlank) * scale, r = Double(m.rightBlank) * scale
            box[k] = c.advance - l - r
            inkShift[k] = -l
            let keepStop = style == .kaiming && cls[k] == .stop
            if style == .banjiao || (style == .kaiming && !keepStop) { continue }
            lb[k] = l
            rb[k] = r
            let quote = (0x2018...0x201F).contains(firstScalar[k])
            let step: ShrinkStep = switch cls[k] {
            case .opening, .closing: quote ? .quote : .bracket
            case .pause: .pause
            default: .stop
            }
            lbStep[k] = UInt8(step.rawValue)
        }
        // GB §5.1.2: ！？ combinations take 1 em for two marks, no inner or trailing blank.
        k = 0
        while k < n {
            guard BreakClass.isExclamationOrQuestion(firstScalar[k]) else { k += 1; continue }
            var j = k
            while j < n, BreakClass.isExclamationOrQuestion(firstScalar[j]) { j += 1 }
            if j - k >= 2 { for m in k..<j { rb[m] = 0 } }
            k = j
        }
        // Line edges.
        for k in 0..<n {
            let trim = k == 0 ? options.trimOpeningAtParagraphStart : options.trimOpeningAtLineStart
            startKeep[k] = trim ? 0 : lb[k]
            if style == .quanjiao && rb[k] > 0 {
                endKeep[k] = rb[k]
                endKeepShrink[k] = rb[k]
                endKeepStep[k] = lbStep[k]
            }
        }

        // Glue between neighbours.
        for k in 1..<n {
            let a = cls[k - 1], b = cls[k]
            var ra = rb[k - 1], lbb = lb[k]
            if ra > 0 || lbb > 0, a.hasBlank, b.hasBlank {
                // Adjacent marks (clreq §3.1.6.2): drop the blank facing away from the text.
                if ra > 0 && lbb == 0 { ra = 0 }                 // 。” ）。 ”，
                else if ra > 0 && lbb > 0 { ra = 0 }             // ：“ 、《 ”“ → one ½ em
                else if ra == 0 && lbb > 0 && a == .opening { lbb = 0 }   // （“
            }
            let blank = ra + lbb
            if blank > 0 {
                gapNat[k] = blank
                gapShrink[k] = blank
                gapShrinkStep[k] = ra > 0 ? lbStep[k - 1] : lbStep[k]
            }
            let em = max(size[k - 1], size[k])
            if options.cjkLatinSpacing {
                let hanLatin = (a == .ideograph && b.isWestern) || (a.isWestern && b == .ideograph)
                if hanLatin {
                    gapNat[k] += Self.cjkLatinSpace * em
                    gapShrink[k] += (Self.cjkLatinSpace - Self.cjkLatinMin) * em
                    gapShrinkStep[k] = UInt8(ShrinkStep.cjkLatin.rawValue)
                    gapStretch[k] = (Self.cjkLatinMax - Self.cjkLatinSpace) * em
                    gapStretchLevel[k] = StretchLevel.cjkLatin.rawValue
                }
            }
            if a == .space {
                let spaceWidth = box[k - 1]
                box[k - 1] = 0
                let before: BreakClass = k >= 2 ? cls[k - 2] : .space
                let hanLatin = (before == .ideograph && b.isWestern) || (before.isWestern && b == .ideograph)
                if hanLatin && options.cjkLatinSpacing {
                    // A typed space between Han and Latin becomes the CJK–Latin gap, not both.
                    gapNat[k] = Self.cjkLatinSpace * em
                    gapShrink[k] = (Self.cjkLatinSpace - Self.cjkLatinMin) * em
                    gapShrinkStep[k] = UInt8(ShrinkStep.cjkLatin.rawValue)
                    gapStretch[k] = (Self.cjkLatinMax - Self.cjkLatinSpace) * em
                    gapStretchLevel[k] = StretchLevel.cjkLatin.rawValue
                } else {
                    gapNat[k] = spaceWidth
                    gapShrink[k] = max(0, spaceWidth - Self.wordSpaceMin * em)
                    gapShrinkStep[k] = UInt8(ShrinkStep.wordSpace.rawValue)
                    gapStretch[k] = max(0, Self.wordSpaceMax * em - spaceWidth)
                    gapStretchLevel[k] = StretchLevel.wordSpace.rawValue
                }
            }
            if a == .ideographicSpace {
                // Kept as written mid-line, but carried as glue so a line may end after it
                // without a blank hole at the right edge.
                gapNat[k] += box[k - 1]
                box[k - 1] = 0
                let leading = (0..<k).allSatisfy { cls[$0] == .ideographicSpace }
                if !leading && gapShrink[k] == 0 {
                    gapShrink[k] = Self.ideographicSpaceShrink * size[k - 1]
                    gapShrinkStep[k] = UInt8(ShrinkStep.ideographicSpace.rawValue)
                }
            }
            if Self.isJustifiable(a, b, sameRun: runLen[k] > 0 && cls[k - 1] == cls[k]) {
                // A Han–Latin gap already took its expansion (¼ → ⅓ em) in step 2.
                justifyWeight[k] = (a == .pause || a == .stop) && gapNat[k] > 0 ? Self.afterPauseWeight
                    : (gapStretchLevel[k] == StretchLevel.cjkLatin.rawValue ? 0 : 1)
            }
        }
        if cls[n - 1] == .space { box[n - 1] = 0 }
        BreakOpportunities.classify(cls: cls, first: firstScalar, dashRunPos: runPos, dashRunLen: runLen,
                                    level: options.prohibition, penalty: &penalty, rule: &rule)
        // A glued western run (word, number with its affixes) is one unit for justification.
    }

    /// clreq §3.8 expansion step 3: every inter-character gap, except inside ——/……, inside
    /// numbers and words, next to connectors and solidi, and between a mark and the text it
    /// belongs to (an opening quote stays on its word, a comma on the word before it).
    static func isJustifiable(_ a: BreakClass, _ b: BreakClass, sameRun: Bool) -> Bool {
        if sameRun { return false }
        if a.isWestern && b.isWestern { return false }
        switch a {
        case .opening, .connector, .solidus, .latinOpening, .prefix, .space, .ideographicSpace, .middleDot: return false
        default: break
        }
        switch b {
        case .closing, .pause, .stop, .middleDot, .connector, .solidus, .latinClosing, .suffix, .space,
             .ideographicSpace:
            return false
        default: break
        }
        if a.hasBlank && b.hasBlank { return false }
        if (a == .dash && b == .dash) || (a == .ellipsis && b == .ellipsis) { return false }
        if a.isWestern && b == .latinClosing { return false }
        if a == .latinClosing && b.isWestern { return false }
        return true
    }
}
