/// Prefix sums over a `GlueModel` so that any candidate line's natural width, shrink and
/// stretch come out in O(steps) without walking its clusters: what keeps the total-fit
/// breaker at O(n·W).
///
/// A class, not a struct, though nothing changes it after `init`: the breaker calls into it
/// a few million times per 100k characters, and as a 256-byte struct it was copied onto the
/// stack before every call that was not inlined (about 5% of composing time, in memcpy).
final class LineMetrics: Sendable {
    let model: GlueModel
    let options: ComposerOptions
    /// The paragraph's em (its first cluster's size): the unit of indents and costs.
    let em: Double
    let boxSum: [Double]
    let natSum: [Double]
    /// Shrink prefix per `ShrinkStep`, flattened: shrinkSum[step * (n + 1) + k].
    let shrinkSum: [Double]
    let stretchWordSum: [Double]
    let stretchCJKLatinSum: [Double]
    /// Prefix of `justifyWeight`: expansion shares on a line.
    let justifiableCount: [Int32]
    /// Prefix of all shrink steps together, so the breaker's window test is O(1).
    let shrinkAll: [Double]
    let letterCount: [Int32]
    /// U+3000 at the paragraph start is the writer's own indent: no automatic one then.
    let indent: Double

    init(model m: GlueModel, options: ComposerOptions) {
        self.model = m
        self.options = options
        let n = m.n
        em = n > 0 ? m.size[0] : 10
        indent = (n > 0 && m.cls[0] == .ideographicSpace) ? 0 : options.firstLineIndent * em
        var boxSum = [Double](repeating: 0, count: n + 1)
        var natSum = [Double](repeating: 0, count: n + 1)
        var shrinkSum = [Double](repeating: 0, count: ShrinkStep.count * (n + 1))
        var stretchWordSum = [Double](repeating: 0, count: n + 1)
        var stretchCJKLatinSum = [Double](repeating: 0, count: n + 1)
        var justifiableCount = [Int32](repeating: 0, count: n + 1)
        var letterCount = [Int32](repeating: 0, count: n + 1)
        var shrinkAll = [Double](repeating: 0, count: n + 1)
        var b = 0.0
        for k in 0..<n {
            b += m.box[k]
            boxSum[k + 1] = b
            letterCount[k + 1] = letterCount[k] + (m.cls[k].isLetterLike ? 1 : 0)
        }
        // Gap prefix: index k holds the sum over gaps 1...k.
        for k in 1..<max(n, 1) {
            natSum[k] = natSum[k - 1] + m.gapNat[k]
            for s in 0..<ShrinkStep.count {
                shrinkSum[s * (n + 1) + k] = shrinkSum[s * (n + 1) + k - 1]
                    + (Int(m.gapShrinkStep[k]) == s ? m.gapShrink[k] : 0)
            }
            stretchWordSum[k] = stretchWordSum[k - 1] + (m.gapStretchLevel[k] == StretchLevel.wordSpace.rawValue ? m.gapStretch[k] : 0)
            stretchCJKLatinSum[k] = stretchCJKLatinSum[k - 1] + (m.gapStretchLevel[k] == StretchLevel.cjkLatin.rawValue ? m.gapStretch[k] : 0)
            justifiableCount[k] = justifiableCount[k - 1] + Int32(m.justifyWeight[k])
            shrinkAll[k] = shrinkAll[k - 1] + m.gapShrink[k]
        }
        self.boxSum = boxSum; self.natSum = natSum; self.shrinkSum = shrinkSum
        self.stretchWordSum = stretchWordSum; self.stretchCJKLatinSum = stretchCJKLatinSum
        self.justifiableCount = justifiableCount; self.letterCount = letterCount; self.shrinkAll = shrinkAll
    }

    /// Line [i, j): clusters i..<j; its interior gaps are i+1...j-1.
    @inline(__always) func natural(_ i: Int, _ j: Int, first: Bool) -> Double {
        (first ? indent : 0) + model.startKeep[i] + boxSum[j] - boxSum[i] + natSum[j - 1] - natSum[i] + model.endKeep[j - 1]
    }

    @inline(__always) func shrink(_ i: Int, _ j: Int, step s: Int) -> Double {
        let base = s * (model.n + 1)
        var v = shrinkSum[base + j - 1] - shrinkSum[base + i]
        if Int(model.endKeepStep[j - 1]) == s { v += model.endKeepShrink[j - 1] }
        return v
    }

    @inline(__always) func totalShrink(_ i: Int, _ j: Int) -> Double {
        shrinkAll[j - 1] - shrinkAll[i] + model.endKeepShrink[j - 1]
    }

    /// Whether line [i, j) would need more than `limit` em of extra space per expansion
    /// share even at the narrowest measure: such lines are never chosen while a tighter one
    /// exists, so the breaker skips them on its first pass.
    /// `natural`: the line's natural width as `natural(i, j, first: i == 0)` gives it, when
    /// the caller has it already.
    @inline(__always) func tooLoose(_ i: Int, _ j: Int, measure: Double, limit: Double, natural nat: Double? = nil) -> Bool {
        assert(nat == nil || nat! == natural(i, j, first: i == 0), "a given natural width must be the computed one")
        let deficit = measure - (nat ?? natural(i, j, first: i == 0))
            - (stretchWordSum[j - 1] - stretchWordSum[i]) - (stretchCJKLatinSum[j - 1] - stretchCJKLatinSum[i])
        guard deficit > 0 else { return false }
        let shares = Double(justifiableCount[j - 1] - justifiableCount[i])
        return shares == 0 || deficit / shares > limit * em
    }

    /// Whether line [i, j) may hang its last mark (clreq §3.1.7: only 、，。, never after a mark).
    @inline(__always) func canHang(_ i: Int, _ j: Int) -> Bool {
        guard options.hanging, j - i >= 2 else { return false }
        let v = model.firstScalar[j - 1]
        return (v == 0x3001 || v == 0xFF0C || v == 0x3002) && !model.cls[j - 2].hasBlank
    }

    struct Fit {
        var feasible: Bool
        var badness: Double
        /// 0 tight, 1 decent, 2 loose, 3 very loose (Knuth–Plass fitness classes).
        var fitness: Int
        var ratio: Double
        var hang: Bool
        var overflow: Double
    }

    /// How well line [i, j) fits `measure`.
    /// `natural`: `natural(i, j, first: first)`, when the caller has it already (the breaker
    /// computes it for every candidate line; the value is the same, bit for bit).
    func evaluate(_ i: Int, _ j: Int, first: Bool, last: Bool, measure: Double, natural nat: Double? = nil) -> Fit {
        assert(nat == nil || nat! == natural(i, j, first: first), "a given natural width must be the computed one")
        let nat = nat ?? natural(i, j, first: first)
        var fit = fitLine(i, j, first: first, last: last, measure: measure, hang: false, natural: nat)
        if canHang(i, j), !last {
            var h = fitLine(i, j, first: first, last: last, measure: measure, hang: true, natural: nat)
            h.badness += Self.hangCost
            if h.feasible && (!fit.feasible || h.badness < fit.badness) { h.hang = true; fit = h }
        }
        return fit
    }

    /// Hanging is allowed, but a line that fits without it should not hang.
    static let hangCost = 20.0

    func fitLine(_ i: Int, _ j: Int, first: Bool, last: Bool, measure: Double, hang: Bool, natural given: Double? = nil) -> Fit {
        assert(given == nil || given! == natural(i, j, first: first), "a given natural width must be the computed one")
        var nat = given ?? natural(i, j, first: first)
        if hang { nat -= model.box[j - 1] + model.endKeep[j - 1] }
        let excess = nat - measure
        if excess > 0.0005 {
            // Squeeze in priority order only as far as needed; the total available comes from
            // its own prefix sum, so a line that one step can fix reads one step.
            let avail = totalShrink(i, j)
            if excess - avail > 0.0005 {
                return Fit(feasible: false, badness: 1e9, fitness: 0, ratio: -1, hang: hang, overflow: excess - avail)
            }
            var left = excess, cost = 0.0
            for s in 0..<ShrinkStep.count where left > 0 {
                let used = min(shrink(i, j, step: s), left)
                cost += ShrinkStep.costPerEm[s] * used / em
                left -= used
            }
            if left > 0.0005 {
                return Fit(feasible: false, badness: 1e9, fitness: 0, ratio: -1, hang: hang, overflow: left)
            }
            let r = avail > 0 ? excess / avail : 0
            return Fit(feasible: true, badness: cost, fitness: r > 0.5 ? 0 : 1, ratio: -r, hang: hang, overflow: 0)
        }
        if last || options.alignment != .justify {
            if options.alignment != .justify && !last {
                // Ragged setting (headlines): prefer even line lengths.
                let d = -excess / em
                return Fit(feasible: true, badness: 4 * d * d, fitness: 1, ratio: 0, hang: hang, overflow: 0)
            }
            return Fit(feasible: true, badness: 0, fitness: 1, ratio: 0, hang: hang, overflow: 0)
        }
        var deficit = -excess
        var cost = 0.0
        let w = stretchWordSum[j - 1] - stretchWordSum[i]
        let useW = min(w, deficit); deficit -= useW; cost += 6 * useW / em
        let c = stretchCJKLatinSum[j - 1] - stretchCJKLatinSum[i]
        let useC = min(c, deficit); deficit -= useC; cost += 10 * useC / em
        var ratio = 0.0
        var fitness = 1
        if deficit > 0.0005 {
            let jc = Int(justifiableCount[j - 1] - justifiableCount[i])
            let gaps = jc > 0 ? jc : (j - i - 1)
            if gaps <= 0 {
                return Fit(feasible: true, badness: Demerits.raggedBadness, fitness: 3, ratio: 10, hang: hang, overflow: 0)
            }
            let e = deficit / Double(gaps) / em
            let q = e / Self.looseGap
            cost += min(100 * q * q * q, Demerits.maxBadness) + 30 * deficit / em + (jc > 0 ? 0 : 2000)
            ratio = e / Self.looseGap
            fitness = e < 0.04 ? 1 : (e < 0.1 ? 2 : 3)
        }
        return Fit(feasible: true, badness: cost, fitness: fitness, ratio: ratio, hang: hang, overflow: 0)
    }

    /// A quarter em between ideographs is where a line reads as loose (the checker's
    /// `--loose`); the cubic term makes the cost explode as gaps approach it.
    static let looseGap = 0.25
}
