/// Prefix sums over a `GlueModel` so that any candidate line's natural width, shrink and
/// stretch come out in O(steps) without walking its clusters: what keeps the total-fit
/// breaker at O(n·W).
///
/// A class, because it owns the unchecked buffers the breaker reads (freed in `deinit`).
/// Nothing writes them after `init`, which is why sharing it between threads is safe even
/// though the compiler cannot see that (`@unchecked Sendable`).
final class LineMetrics: @unchecked Sendable {
    let model: GlueModel
    let options: ComposerOptions
    /// The paragraph's em (its first cluster's size): the unit of indents and costs.
    let em: Double
    /// Shrink prefix over gaps 1...k, one lane per `ShrinkStep`: a line's shrink by step is
    /// one vector subtraction, and building the sums one vector addition per gap.
    private let stepShrink: UnsafeMutableBufferPointer<SIMD8<Double>>
    /// U+3000 at the paragraph start is the writer's own indent: no automatic one then.
    let indent: Double

    /// Everything a line starting or ending at break position k reads, in one record: the
    /// breaker reads a dozen of these values per candidate line, and as separate arrays
    /// each read paid its own bounds check and its own cache line.
    private struct Prefix {
        /// Sum of the boxes of clusters 0..<k.
        var box = 0.0
        /// Sums over gaps 1...k: natural width, shrink of all steps, stretch of word spaces
        /// and of Han–Latin gaps.
        var nat = 0.0
        var shrink = 0.0
        var stretchWord = 0.0
        var stretchCJKLatin = 0.0
        /// Cluster k's kept blanks at a line start and end (0 at k = n).
        var startKeep = 0.0
        var endKeep = 0.0
        var endKeepShrink = 0.0
        /// Expansion shares over gaps 1...k (`justifyWeight`).
        var justifiable: Int32 = 0
        /// Letter-like clusters among 0..<k.
        var letters: Int32 = 0
        /// box + nat + stretchWord + stretchCJKLatin − startKeep: a line's start term in the
        /// breaker's quick looseness test (`surelyTooLoose`).
        var looseStart = 0.0
    }

    /// n + 1 records, immutable after init; freed with the metrics.
    private let prefix: UnsafeMutableBufferPointer<Prefix>

    init(model m: GlueModel, options: ComposerOptions) {
        self.model = m
        self.options = options
        let n = m.n
        em = n > 0 ? m.size[0] : 10
        indent = (n > 0 && m.cls[0] == .ideographicSpace) ? 0 : options.firstLineIndent * em
        let p = UnsafeMutableBufferPointer<Prefix>.allocate(capacity: n + 1)
        p.initialize(repeating: Prefix())
        let steps = UnsafeMutableBufferPointer<SIMD8<Double>>.allocate(capacity: n + 1)
        steps.initialize(repeating: SIMD8())
        var b = 0.0
        for k in 0..<n {
            b += m.box[k]
            p[k + 1].box = b
            p[k + 1].letters = p[k].letters + (m.cls[k].isLetterLike ? 1 : 0)
            p[k].startKeep = m.startKeep[k]
            p[k].endKeep = m.endKeep[k]
            p[k].endKeepShrink = m.endKeepShrink[k]
        }
        // Gap prefix: index k holds the sum over gaps 1...k.
        for k in 1..<max(n, 1) {
            p[k].nat = p[k - 1].nat + m.gapNat[k]
            var gap = SIMD8<Double>()
            gap[Int(m.gapShrinkStep[k])] = m.gapShrink[k]
            steps[k] = steps[k - 1] + gap
            p[k].stretchWord = p[k - 1].stretchWord + (m.gapStretchLevel[k] == StretchLevel.wordSpace.rawValue ? m.gapStretch[k] : 0)
            p[k].stretchCJKLatin = p[k - 1].stretchCJKLatin + (m.gapStretchLevel[k] == StretchLevel.cjkLatin.rawValue ? m.gapStretch[k] : 0)
            p[k].justifiable = p[k - 1].justifiable + Int32(m.justifyWeight[k])
            p[k].shrink = p[k - 1].shrink + m.gapShrink[k]
        }
        for k in 0...n {
            p[k].looseStart = p[k].box + p[k].nat + p[k].stretchWord + p[k].stretchCJKLatin - p[k].startKeep
        }
        prefix = p
        stepShrink = steps
    }

    deinit { prefix.deallocate(); stepShrink.deallocate() }

    /// Record k, unchecked: the breaker reads these a few million times per 100k characters.
    /// Read in place, never copied out: copies of whole records spilled to the stack and
    /// made the breaker slower, not faster.
    @inline(__always) private func at(_ k: Int) -> UnsafePointer<Prefix> {
        assert(k >= 0 && k < prefix.count, "record \(k) outside 0..<\(prefix.count)")
        return UnsafePointer(prefix.baseAddress.unsafelyUnwrapped + k)
    }

    /// Line [i, j): clusters i..<j; its interior gaps are i+1...j-1.
    @inline(__always) func natural(_ i: Int, _ j: Int, first: Bool) -> Double {
        let s = at(i), e = at(j - 1)
        return (first ? indent : 0) + s.pointee.startKeep + at(j).pointee.box - s.pointee.box
            + e.pointee.nat - s.pointee.nat + e.pointee.endKeep
    }

    /// What line [i, j) can give up at each shrink step, its kept line-end blank included.
    @inline(__always) func shrinkBySteps(_ i: Int, _ j: Int) -> SIMD8<Double> {
        assert(i >= 0 && i < j && j < stepShrink.count, "line \(i)..<\(j) outside 0...\(stepShrink.count - 1)")
        let p = UnsafePointer(stepShrink.baseAddress.unsafelyUnwrapped)
        var v = p[j - 1] - p[i]
        v[Int(model.endKeepStep[j - 1])] += at(j - 1).pointee.endKeepShrink
        return v
    }

    @inline(__always) func totalShrink(_ i: Int, _ j: Int) -> Double {
        at(j - 1).pointee.shrink - at(i).pointee.shrink + at(j - 1).pointee.endKeepShrink
    }

    /// Stretch of the line's word spaces and of its Han–Latin gaps, and its expansion shares.
    @inline(__always) func stretchWord(_ i: Int, _ j: Int) -> Double { at(j - 1).pointee.stretchWord - at(i).pointee.stretchWord }
    @inline(__always) func stretchCJKLatin(_ i: Int, _ j: Int) -> Double {
        at(j - 1).pointee.stretchCJKLatin - at(i).pointee.stretchCJKLatin
    }
    @inline(__always) func justifiable(_ i: Int, _ j: Int) -> Int32 { at(j - 1).pointee.justifiable - at(i).pointee.justifiable }
    /// Letter-like clusters on the line (孤字 counts these).
    @inline(__always) func letters(_ i: Int, _ j: Int) -> Int32 { at(j).pointee.letters - at(i).pointee.letters }

    /// Whether line [i, j) would need more than `limit` em of extra space per expansion
    /// share even at the narrowest measure: such lines are never chosen while a tighter one
    /// exists, so the breaker skips them on its first pass. `nat`: the line's natural width
    /// (with the indent if it is a first line).
    @inline(__always) func tooLoose(_ i: Int, _ j: Int, measure: Double, limit: Double, natural nat: Double) -> Bool {
        let deficit = measure - nat - stretchWord(i, j) - stretchCJKLatin(i, j)
        guard deficit > 0 else { return false }
        let shares = Double(justifiable(i, j))
        return shares == 0 || deficit / shares > limit * em
    }

    /// The breaker's quick form of `tooLoose`, for a line [i, j) not starting the paragraph
    /// (i > 0): such a line is too loose exactly when its natural width plus stretch plus
    /// `limit` em per expansion share falls short of the measure, which in prefix sums is
    /// `looseEnd(j) − looseStart(i) < 0`. The end term is computed once per end, so the first
    /// pass passes over the half of its candidates that are far too loose with two loads
    /// each. The two forms round differently, by a few units in the last place of the
    /// paragraph's total width (about 1e-9 pt at 1e6 pt, a 100k-character paragraph):
    /// `looseMargin` keeps this test strictly inside the exact one, so it skips only lines
    /// `tooLoose` skips too, and lines near the limit still go to `tooLoose`.
    @inline(__always) func surelyTooLoose(_ i: Int, end: Double, limitEm: Double) -> Bool {
        let s = at(i)
        return end - (s.pointee.looseStart + limitEm * Double(s.pointee.justifiable)) < -Self.looseMargin
    }

    /// The end term of `surelyTooLoose` for lines ending at j.
    @inline(__always) func looseEnd(_ j: Int, measure: Double, limitEm: Double) -> Double {
        let e = at(j - 1)
        return at(j).pointee.box + e.pointee.nat + e.pointee.stretchWord + e.pointee.stretchCJKLatin
            + limitEm * Double(e.pointee.justifiable) + e.pointee.endKeep - measure
    }

    /// Points. The margin holds while prefix sums stay below about 1e8 pt, a hundred times
    /// the widest paragraph anyone sets.
    static let looseMargin = 1e-6

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
    func evaluate(_ i: Int, _ j: Int, first: Bool, last: Bool, measure: Double) -> Fit {
        evaluate(i, j, first: first, last: last, measure: measure, natural: natural(i, j, first: first))
    }

    /// The same, for the breaker, which has the line's natural width
    /// (`natural(i, j, first: first)`) at hand for every candidate line.
    @inline(__always)
    func evaluate(_ i: Int, _ j: Int, first: Bool, last: Bool, measure: Double, natural nat: Double) -> Fit {
        assert(nat == natural(i, j, first: first), "a given natural width must be the computed one")
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

    @inline(__always)
    private func fitLine(_ i: Int, _ j: Int, first: Bool, last: Bool, measure: Double,
                         hang: Bool, natural given: Double) -> Fit {
        var nat = given
        if hang { nat -= model.box[j - 1] + at(j - 1).pointee.endKeep }
        let excess = nat - measure
        if excess > 0.0005 {
            // Squeeze in priority order only as far as needed; a line that cannot fit even
            // squeezed fully is known from the total's own prefix sum, without the steps.
            let avail = totalShrink(i, j)
            if excess - avail > 0.0005 {
                return Fit(feasible: false, badness: 1e9, fitness: 0, ratio: -1, hang: hang, overflow: excess - avail)
            }
            var left = excess, cost = 0.0
            let byStep = shrinkBySteps(i, j)
            for s in 0..<ShrinkStep.count where left > 0 {
                let used = min(byStep[s], left)
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
        // Most lines have neither word spaces nor Han–Latin gaps: with nothing to stretch and
        // no overshoot to take back, a step would add exactly 0 after a division.
        let w = stretchWord(i, j)
        if w > 0 || deficit < 0 { let useW = min(w, deficit); deficit -= useW; cost += 6 * useW / em }
        let c = stretchCJKLatin(i, j)
        if c > 0 || deficit < 0 { let useC = min(c, deficit); deficit -= useC; cost += 10 * useC / em }
        var ratio = 0.0
        var fitness = 1
        if deficit > 0.0005 {
            let jc = Int(justifiable(i, j))
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
