/// Groups changed pixels into the boxes a reader checks on the proof: connected components
/// after dilating every changed pixel by `radius` (two pixels join when their dilated squares
/// touch, i.e. they are at most 2·radius+1 apart on both axes), each component boxed tightly
/// around its real pixels, then overlapping boxes merged so that no two reported boxes overlap.
///
/// Works on runs rather than on a dilated bitmap: the cost follows the number of changed
/// runs, not the page area, so an unchanged page costs nothing.
enum RegionClustering {
    static func regions(of runs: [ChangedRun], height: Int, radius: Int) -> [PixelRect] {
        guard !runs.isEmpty else { return [] }
        let reach = 2 * radius + 1
        // Runs of one row closer than `reach` are joined by dilation anyway: merge them into
        // segments first. A shifted text page has ~200k runs but ~20k segments, and the
        // vertical pass below costs per segment.
        var segments: [ChangedRun] = []
        segments.reserveCapacity(runs.count / 4)
        for run in runs {
            if let last = segments.last, last.y == run.y, Int(run.x0) - Int(last.x1) < reach {
                segments[segments.count - 1].x1 = max(last.x1, run.x1)
            } else {
                segments.append(run)
            }
        }
        // Segments arrive row by row and left to right; index rows for quick lookup.
        var rowStart = [Int](repeating: 0, count: height + 1)
        for s in segments { rowStart[Int(s.y) + 1] += 1 }
        for y in 0..<height { rowStart[y + 1] += rowStart[y] }

        var parent = Array(0..<segments.count)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func union(_ i: Int, _ j: Int) {
            let ri = find(i), rj = find(j)
            if ri != rj { if ri < rj { parent[rj] = ri } else { parent[ri] = rj } }
        }

        for (i, s) in segments.enumerated() {
            let y = Int(s.y)
            guard y > 0 else { continue }
            let lo = Int(s.x0) - reach, hi = Int(s.x1) - 1 + reach
            for row in max(0, y - reach)..<y {
                var j = firstRun(in: rowStart[row]..<rowStart[row + 1], endingAtOrAfter: lo, segments)
                while j < rowStart[row + 1], Int(segments[j].x0) <= hi {
                    union(i, j)
                    j += 1
                }
            }
        }

        var boxes: [Int: PixelRect] = [:]
        for (i, s) in segments.enumerated() {
            let box = PixelRect(x: Int(s.x0), y: Int(s.y), width: Int(s.x1 - s.x0), height: 1)
            let root = find(i)
            boxes[root] = boxes[root].map { $0.union(box) } ?? box
        }
        return mergeOverlapping(Array(boxes.values))
    }

    /// Index of the first run in `range` whose last pixel is at or right of `x`.
    private static func firstRun(in range: Range<Int>, endingAtOrAfter x: Int, _ runs: [ChangedRun]) -> Int {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(runs[mid].x1) - 1 < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Merges until no two boxes overlap, then orders top to bottom, left to right (reading
    /// order of a page, and a stable order for reports and tests).
    static func mergeOverlapping(_ input: [PixelRect]) -> [PixelRect] {
        var boxes = input
        var merged = true
        while merged {
            merged = false
            var out: [PixelRect] = []
            for box in boxes {
                var current = box
                var k = 0
                while k < out.count {
                    if out[k].intersects(current) {
                        current = current.union(out.remove(at: k))
                        merged = true
                        k = 0
                    } else {
                        k += 1
                    }
                }
                out.append(current)
            }
            boxes = out
        }
        return boxes.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
    }
}
