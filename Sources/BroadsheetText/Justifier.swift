/// Turns a chosen line into box positions: shrink in clreq §3.8's order (each step's
/// candidates equally), else expand (word spaces, then Han–Latin gaps to ⅓ em, then every
/// justifiable gap equally). The last line of a justified paragraph is set solid.
struct Justifier {
    let lm: LineMetrics

    struct Placement {
        /// Box start of each cluster of the line, from the line's start edge.
        var boxX: [Double]
        /// End of the line's last box (plus any kept line-end blank).
        var width: Double
        var ratio: Double
        var overflow: Double
    }

    func place(_ b: LineBreak, first: Bool, last: Bool, measure: Double) -> Placement {
        let m = lm.model
        let i = b.start, j = b.end
        var nat = lm.natural(i, j, first: first)
        if b.hang { nat -= m.box[j - 1] + m.endKeep[j - 1] }
        // The fraction of each shrink step the line uses, on the stack: an array allocated
        // per line (with the runtime's metadata lookup for it) cost more than the arithmetic.
        // SIMD8 has exactly one lane per ShrinkStep and traps on any other index.
        var shrinkFraction = SIMD8<Double>()
        var wordFrac = 0.0, cjkFrac = 0.0, perGap = 0.0
        var spreadAll = false
        var ratio = 0.0
        var overflow = 0.0
        let justify = lm.options.alignment == .justify && !last
        if nat > measure + 0.0005 {
            var left = nat - measure
            var avail = 0.0
            let byStep = lm.shrinkBySteps(i, j)
            for s in 0..<ShrinkStep.count {
                let a = byStep[s]
                avail += a
                guard left > 0, a > 0 else { continue }
                let used = min(a, left)
                shrinkFraction[s] = used / a
                left -= used
            }
            overflow = left > 0.0005 ? left : 0
            ratio = avail > 0 ? -min(1, (nat - measure) / avail) : -1
        } else if justify {
            var deficit = measure - nat
            let w = lm.stretchWord(i, j)
            if w > 0 { let u = min(w, deficit); wordFrac = u / w; deficit -= u }
            let c = lm.stretchCJKLatin(i, j)
            if c > 0 { let u = min(c, deficit); cjkFrac = u / c; deficit -= u }
            if deficit > 0 {
                let jc = Int(lm.justifiable(i, j))
                if jc > 0 {
                    perGap = deficit / Double(jc)
                } else if j - i > 1 {
                    perGap = deficit / Double(j - i - 1)
                    spreadAll = true
                }
                ratio = perGap / lm.em / LineMetrics.looseGap
            }
        }
        var xs = [Double](repeating: 0, count: j - i)
        var x = (first ? lm.indent : 0) + m.startKeep[i]
        for k in i..<j {
            if k > i {
                var g = m.gapNat[k] - m.gapShrink[k] * shrinkFraction[Int(m.gapShrinkStep[k])]
                switch m.gapStretchLevel[k] {
                case StretchLevel.wordSpace.rawValue: g += m.gapStretch[k] * wordFrac
                case StretchLevel.cjkLatin.rawValue: g += m.gapStretch[k] * cjkFrac
                default: break
                }
                if spreadAll { g += perGap } else { g += perGap * Double(m.justifyWeight[k]) }
                x += g
            }
            xs[k - i] = x
            if !(b.hang && k == j - 1) { x += m.box[k] }
        }
        if !b.hang {
            x += m.endKeep[j - 1] - m.endKeepShrink[j - 1] * shrinkFraction[Int(m.endKeepStep[j - 1])]
        }
        return Placement(boxX: xs, width: x, ratio: ratio, overflow: overflow)
    }
}

