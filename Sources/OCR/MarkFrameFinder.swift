import Foundation

/// A binary raster: `true` is ink. Row-major, `width × height`.
public struct InkGrid: Sendable {
    public let width: Int
    public let height: Int
    public var bits: [Bool]

    public init(width: Int, height: Int, bits: [Bool]) {
        precondition(bits.count == width * height)
        self.width = width
        self.height = height
        self.bits = bits
    }

    public init(width: Int, height: Int) {
        self.init(width: width, height: height, bits: Array(repeating: false, count: width * height))
    }

    @inline(__always) public subscript(x: Int, y: Int) -> Bool {
        get { x >= 0 && y >= 0 && x < width && y < height && bits[y * width + x] }
        set { if x >= 0 && y >= 0 && x < width && y < height { bits[y * width + x] = newValue } }
    }

    /// Each ink pixel grown by `radius` pixels every way: gaps up to twice that wide close.
    func dilated(by radius: Int) -> InkGrid {
        var rows = InkGrid(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width where self[x, y] {
                for dx in -radius...radius { rows[x + dx, y] = true }
            }
        }
        var out = InkGrid(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width where rows[x, y] {
                for dy in -radius...radius { out[x, y + dy] = true }
            }
        }
        return out
    }

    /// Draws a straight line of the given thickness (for tests and synthetic pages).
    public mutating func line(from a: (Double, Double), to b: (Double, Double), thickness: Int = 2) {
        let steps = Int(max(abs(b.0 - a.0), abs(b.1 - a.1)).rounded(.up)) + 1
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            let x = Int((a.0 + (b.0 - a.0) * t).rounded()), y = Int((a.1 + (b.1 - a.1) * t).rounded())
            for dy in 0..<thickness { for dx in 0..<thickness { self[x + dx, y + dy] = true } }
        }
    }
}

/// Finds stamped frames — a rectangle (or an ellipse) of ink around a word — in the marks
/// zone of a page. Urgency and secrecy marks are stamped that way (Nghị định 30, Phụ lục I);
/// a frame whose word cannot be read is reason enough to hold a document.
///
/// Pure geometry on a levelled binary raster at about 100 dpi, tolerant of a few degrees of
/// tilt, ink dropouts and strokes crossing the frame (handwriting, the ĐẾN stamp):
/// rectangles are found from their vertical sides and the ink along the lines joining their
/// ends, so a side partly covered by other ink still counts.
public struct MarkFrameFinder: Sendable {
    public struct Frame: Sendable, Equatable {
        public enum Shape: Sendable { case rectangle, ellipse }
        public var box: PixelBox
        public var shape: Shape
        /// How many sides of a rectangle were seen (4 for an ellipse that closes).
        public var sides: Int
    }

    /// Pixels per millimetre of the grid.
    public var pixelsPerMM: Double
    /// Inner height of a mark's frame, in mm: one line of 12–18 pt capitals with padding.
    public var frameHeightMM: ClosedRange<Double> = 5.5...19
    /// Width of a mark's frame, in mm: from `MẬT` to `HỎA TỐC HẸN GIỜ`.
    public var frameWidthMM: ClosedRange<Double> = 8...95

    public init(pixelsPerMM: Double) {
        self.pixelsPerMM = pixelsPerMM
    }

    public func frames(in grid: InkGrid) -> [Frame] {
        let sides = segments(in: grid, horizontal: false, minLength: Int(frameHeightMM.lowerBound * pixelsPerMM * 0.8))
        var found = rectangles(in: grid, vertical: sides)
        // A ring broken by dropouts falls apart into arcs: looked for again with gaps of up to
        // 4 px closed (its box then shrunk back).
        let grown = 2
        let rings = ellipses(in: grid) + ellipses(in: grid.dilated(by: grown)).map { ring in
            var r = ring
            r.box = PixelBox(x: ring.box.x + grown, y: ring.box.y + grown, width: ring.box.width - 2 * grown, height: ring.box.height - 2 * grown)
            return r
        }
        // A ring is dropped only when a frame of about its size (a box found on the ring
        // itself) already covers most of it: a large ring stamped across the ĐẾN stamp
        // overlaps the stamp's box, a small one inside a piece of it found as a frame lies
        // within that, and neither is a reason to lose it.
        for ring in rings + circles(in: grid)
        where !found.contains(where: { Self.share(of: ring.box, coveredBy: $0.box) > 0.5 && !Self.nested(ring.box, in: $0.box, height: 0.8) }) {
            found.append(ring)
        }
        return found
    }

    // MARK: - Line segments

    /// A run of ink along one axis: `along` is the extent on that axis, `across` the
    /// position on the other (min…max over the chained pieces, so a tilted line spans a few).
    struct Segment: Equatable {
        var along: ClosedRange<Int>
        var across: ClosedRange<Int>
        var length: Int { along.upperBound - along.lowerBound + 1 }
        /// Position across the segment at a point along it (linear between its ends).
        var acrossMid: Double { Double(across.lowerBound + across.upperBound) / 2 }
    }

    /// Long ink runs along one axis, on a levelled image (a mark is stamped at most a few
    /// degrees off): each row (column) is dilated by one pixel across, so a line tilted by
    /// 4° still makes one run of 40 px; gaps of up to 2 pixels (ink dropouts) are bridged.
    /// Runs of at least `minLength` are kept; of the runs a thick line makes in neighbouring
    /// rows only the longest. Runs are not chained across rows: a letter touching a frame
    /// must not make it look thick or long.
    func segments(in grid: InkGrid, horizontal: Bool, minLength: Int) -> [Segment] {
        let lines = horizontal ? grid.height : grid.width
        let length = horizontal ? grid.width : grid.height
        let gap = 2
        @inline(__always) func ink(_ line: Int, _ pos: Int) -> Bool {
            horizontal ? (grid[pos, line - 1] || grid[pos, line] || grid[pos, line + 1])
                : (grid[line - 1, pos] || grid[line, pos] || grid[line + 1, pos])
        }
        var runs: [Segment] = []
        for line in 0..<lines {
            var start = -1, last = -10
            for pos in 0..<length where ink(line, pos) {
                if start >= 0 && pos - last <= gap + 1 {
                    last = pos
                } else {
                    if start >= 0 && last - start + 1 >= minLength { runs.append(Segment(along: start...last, across: line...line)) }
                    start = pos; last = pos
                }
            }
            if start >= 0 && last - start + 1 >= minLength { runs.append(Segment(along: start...last, across: line...line)) }
        }
        // Neighbouring runs that overlap mostly are one line: keep the longest, widened.
        runs.sort { $0.length > $1.length }
        var kept: [Segment] = []
        for run in runs {
            if let i = kept.firstIndex(where: { k in
                abs(k.acrossMid - run.acrossMid) <= 3
                    && min(k.along.upperBound, run.along.upperBound) - max(k.along.lowerBound, run.along.lowerBound) >= run.length / 2
            }) {
                kept[i].across = min(kept[i].across.lowerBound, run.across.lowerBound)...max(kept[i].across.upperBound, run.across.upperBound)
            } else {
                kept.append(run)
            }
        }
        return kept.sorted { ($0.acrossMid, $0.along.lowerBound) < ($1.acrossMid, $1.along.lowerBound) }
    }

    // MARK: - Rectangles

    /// Two vertical sides of similar length facing each other at a mark's height, joined by
    /// a horizontal side at the top and/or the bottom. A side is looked for along the line
    /// between the ends of the verticals (tilted with them), a few pixels either way, and
    /// counts when ink covers most of it: strokes crossing it or touching it do not matter.
    func rectangles(in grid: InkGrid, vertical: [Segment]) -> [Frame] {
        let probe = LineProbe(grid)
        let mm = pixelsPerMM
        let minH = frameHeightMM.lowerBound * mm, maxH = frameHeightMM.upperBound * mm
        let minW = frameWidthMM.lowerBound * mm, maxW = frameWidthMM.upperBound * mm
        let sides = vertical.filter { Double($0.length) >= minH * 0.8 && Double($0.length) <= maxH * 1.15 }
        var found: [Frame] = []
        for (i, left) in sides.enumerated() {
            for right in sides[(i + 1)...] {
                let (l, r) = left.acrossMid < right.acrossMid ? (left, right) : (right, left)
                let width = r.acrossMid - l.acrossMid
                guard width >= minW, width <= maxW else { continue }
                // Overlapping extents, top to bottom. Text over a mark's box (the body's line
                // above, handwriting) can lengthen one side well past its corner.
                let shared = min(l.along.upperBound, r.along.upperBound) - max(l.along.lowerBound, r.along.lowerBound)
                guard Double(shared) >= 0.5 * Double(max(l.length, r.length))
                    || (Double(shared) >= 0.8 * Double(min(l.length, r.length)) && Double(shared) >= minH * 0.8) else { continue }
                // From where both sides run (a stroke may lengthen one of them).
                let sharedTop = max(l.along.lowerBound, r.along.lowerBound)
                let sharedBottom = min(l.along.upperBound, r.along.upperBound)
                // Inside a frame, along its sides, is the padding around the word: clear.
                let rows = sharedTop + 3...max(sharedTop + 3, sharedBottom - 3)
                let padding = [clearInside(grid, l, rows: rows, inward: 1), clearInside(grid, r, rows: rows, inward: -1)]
                // Strokes crossing a side fill its padding where they cross it (the number and the
                // date written across a mark stamped inside the ĐẾN stamp). One side may then be
                // clear in a quarter of its rows if, in most, it is clear or a stroke crosses it
                // (a letter's stem has its letter inside it and paper outside).
                let weak = padding[0] < padding[1] ? (l, 1) : (r, -1)
                let crossed = padding.min()! < 0.5 && padding.min()! >= 0.25 && padding.max()! >= 0.5
                    && clearInside(grid, weak.0, rows: rows, inward: weak.1, crossed: true) >= 0.5
                guard padding.min()! >= 0.5 || crossed else { continue }
                // A side may be cut short by a dropout or lengthened by a stroke: look for the
                // top and the bottom both where the sides run together and where either ends.
                let outerTop = min(l.along.lowerBound, r.along.lowerBound)
                let outerBottom = max(l.along.upperBound, r.along.upperBound)
                // (Once where the two are one.)
                let top = (sharedTop == outerTop ? [sharedTop] : [sharedTop, outerTop])
                    .map { coverage(probe, from: (l.across, $0), to: (r.across, $0), width: width, inward: 1) }
                    .max { $0.value < $1.value }!
                let bottom = (sharedBottom == outerBottom ? [sharedBottom] : [sharedBottom, outerBottom])
                    .map { coverage(probe, from: (l.across, $0), to: (r.across, $0), width: width, inward: -1) }
                    .max { $0.value < $1.value }!
                let closed = (top.value >= 0.6 && bottom.value >= 0.6 && max(top.value, bottom.value) >= 0.8)
                    || max(top.value, bottom.value) >= 0.92
                guard closed else { continue }
                // Sides running on past an end: a piece of a larger frame (the ĐẾN stamp's
                // sides broken by ink dropouts, closed by its dotted lines), not a mark's —
                // unless solid lines close it at the top and the bottom: then what runs on is
                // text crossing its corners (a mark stamped under a line of print).
                let solid = top.value >= 0.95 && bottom.value >= 0.95
                if !solid, [l, r].contains(where: { continues(grid, $0, from: sharedTop, up: true) || continues(grid, $0, from: sharedBottom, up: false) }) {
                    continue
                }
                // Solid lines are the frame's ends; otherwise the sides' ends may be.
                let y0 = solid ? top.y : min(top.y, l.along.lowerBound, r.along.lowerBound)
                let y1 = solid ? bottom.y : max(bottom.y, l.along.upperBound, r.along.upperBound)
                guard Double(y1 - y0) >= minH, Double(y1 - y0) <= maxH * 1.2 else { continue }
                // A frame with a crossed side needs solid lines at its ends and both sides running
                // from one to the other: a letter's stem is shorter than the box around its word.
                if crossed {
                    let full = [l, r].allSatisfy { 100 * (min($0.along.upperBound, y1) - max($0.along.lowerBound, y0) + 1) >= 85 * (y1 - y0 + 1) }
                    guard solid, full else { continue }
                }
                let x0 = l.across.lowerBound, x1 = r.across.upperBound
                found.append(Frame(box: PixelBox(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1), shape: .rectangle,
                                   sides: 2 + (top.value >= 0.6 ? 1 : 0) + (bottom.value >= 0.6 ? 1 : 0)))
            }
        }
        // Nested frames (a double frame) and duplicates: keep the outer one. Not a frame
        // inside a far taller one: a mark stamped inside the ĐẾN stamp, or a piece of it.
        found.sort { $0.box.width * $0.box.height > $1.box.width * $1.box.height }
        var kept: [Frame] = []
        for f in found where !kept.contains(where: { Self.overlap(f.box, $0.box) > 0.6 && !Self.nested(f.box, in: $0.box, height: 0.5) }) {
            kept.append(f)
        }
        return kept
    }

    /// Whether a vertical side goes on past `y` (up or down) for 4 mm or more: ink within
    /// 2 px of its column in most rows from 2 mm past the frame's corner.
    func continues(_ grid: InkGrid, _ side: Segment, from y: Int, up: Bool) -> Bool {
        let start = Int(2 * pixelsPerMM), end = Int(6 * pixelsPerMM)
        var hit = 0
        for d in start...end {
            let row = up ? y - d : y + d
            if (side.across.lowerBound - 2...side.across.upperBound + 2).contains(where: { grid[$0, row] }) { hit += 1 }
        }
        return Double(hit) >= 0.6 * Double(end - start + 1)
    }

    /// Share of `rows` with no ink one and two pixels inside a vertical side; `crossed`:
    /// or with ink a few pixels outside it as well, where a stroke crosses the side (a
    /// letter's stem taken for a side has its letter inside it and paper outside).
    func clearInside(_ grid: InkGrid, _ side: Segment, rows: ClosedRange<Int>, inward: Int, crossed: Bool = false) -> Double {
        guard rows.count >= 4 else { return 0 }
        let x = inward > 0 ? side.across.upperBound + 2 : side.across.lowerBound - 2
        let outside = inward > 0 ? side.across.lowerBound - 2 : side.across.upperBound + 2
        let clear = rows.filter { y in
            (!grid[x + inward, y] && !grid[x + 2 * inward, y]) || (crossed && (1...4).contains { grid[outside - $0 * inward, y] })
        }.count
        return Double(clear) / Double(rows.count)
    }

    /// The best share of columns between two vertical sides that have ink within a pixel of
    /// a straight line from near `from` to near `to` (each end searched ±2 mm, ±1 mm across).
    func coverage(_ probe: LineProbe, from: (ClosedRange<Int>, Int), to: (ClosedRange<Int>, Int), width: Double, inward: Int) -> (value: Double, y: Int) {
        // Each end ±2 mm, or more for a wide frame turned by up to 5°.
        let reach = max(3, Int(2 * pixelsPerMM), Int(width * 0.09))
        let x0 = from.0.upperBound + 1, x1 = to.0.lowerBound - 1
        guard x1 - x0 >= 4 else { return (0, from.1) }
        var best = (value: 0.0, y: from.1, dl: 0, dr: 0)
        let columns = x1 - x0 + 1
        func tryLine(_ dl: Int, _ dr: Int) {
            let yl = Double(from.1 + dl), yr = Double(to.1 + dr)
            let slope = (yr - yl) / Double(x1 - x0)
            var hit = 0, clear = 0
            for x in x0...x1 {
                let y = Int((yl + slope * Double(x - x0) + 0.5).rounded(.down))
                if probe.hit(x, y) { hit += 1 }
                // The padding inside the side: a line of text is thick, a frame's side thin.
                if probe.clear(x, y, inward: inward) { clear += 1 }
                // Given up once the columns left cannot make it the best, or clear enough:
                // noisy scans have many sides to pair (the same result, a fraction of the work).
                let left = x1 - x
                if Double(hit + left) <= best.value * Double(columns) || Double(clear + left) < 0.45 * Double(columns) { return }
            }
            guard Double(clear) >= 0.45 * Double(columns) else { return }
            let value = Double(hit) / Double(columns)
            if value > best.value { best = (value, Int((yl + yr) / 2), dl, dr) }
        }
        // Every other line first (a line is hit within a pixel either way), then the
        // neighbours of the best: a quarter of the work of trying them all.
        for dl in stride(from: -reach, through: reach, by: 2) {
            for dr in stride(from: -reach, through: reach, by: 2) { tryLine(dl, dr) }
        }
        if best.value > 0 {
            let (cl, cr) = (best.dl, best.dr)
            for dl in max(-reach, cl - 1)...min(reach, cl + 1) {
                for dr in max(-reach, cr - 1)...min(reach, cr + 1) where dl != cl || dr != cr { tryLine(dl, dr) }
            }
        }
        return (best.value, best.y)
    }

    /// What `coverage` asks of each pixel on a line, worked out once for the whole grid:
    /// ink within a pixel across, and paper 3 and 4 pixels inward either way.
    struct LineProbe {
        let grid: InkGrid
        private let near: [Bool], clearBelow: [Bool], clearAbove: [Bool]

        init(_ grid: InkGrid) {
            self.grid = grid
            let (w, h) = (grid.width, grid.height)
            var near = [Bool](repeating: false, count: w * h), below = near, above = near
            for y in 0..<h {
                for x in 0..<w {
                    near[y * w + x] = grid[x, y] || grid[x, y - 1] || grid[x, y + 1]
                    below[y * w + x] = !grid[x, y + 3] && !grid[x, y + 4]
                    above[y * w + x] = !grid[x, y - 3] && !grid[x, y - 4]
                }
            }
            (self.near, clearBelow, clearAbove) = (near, below, above)
        }

        @inline(__always) func hit(_ x: Int, _ y: Int) -> Bool {
            guard x >= 0, y >= 0, x < grid.width, y < grid.height else { return grid[x, y] || grid[x, y - 1] || grid[x, y + 1] }
            return near[y * grid.width + x]
        }

        @inline(__always) func clear(_ x: Int, _ y: Int, inward: Int) -> Bool {
            guard x >= 0, y >= 0, x < grid.width, y < grid.height, abs(inward) == 1 else {
                return !grid[x, y + 3 * inward] && !grid[x, y + 4 * inward]
            }
            return (inward > 0 ? clearBelow : clearAbove)[y * grid.width + x]
        }
    }

    // MARK: - Ellipses

    /// Connected ink whose outline is a closed ring of a mark's size: seen on nearly every ray
    /// from its centre at the ellipse's radius, and hollow (the word inside is not joined to it).
    func ellipses(in grid: InkGrid) -> [Frame] {
        let mm = pixelsPerMM
        var labels = [Int32](repeating: 0, count: grid.width * grid.height)
        var found: [Frame] = []
        var next: Int32 = 0
        var stack: [Int] = []
        for start in 0..<grid.bits.count where grid.bits[start] && labels[start] == 0 {
            next += 1
            labels[start] = next
            stack.append(start)
            var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
            var pixels: [Int] = []
            while let p = stack.popLast() {
                let x = p % grid.width, y = p / grid.width
                pixels.append(p)
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                // 8-connected.
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, ny >= 0, nx < grid.width, ny < grid.height else { continue }
                        let q = ny * grid.width + nx
                        if grid.bits[q] && labels[q] == 0 { labels[q] = next; stack.append(q) }
                    }
                }
            }
            guard Double(maxX - minX) >= 7 * mm, Double(maxY - minY) >= 7 * mm else { continue }
            // A thin stroke running on from the ring (a scanner streak, a pen line) is no part
            // of its size: trim rows and columns that are only a stroke wide.
            (minX, minY, maxX, maxY) = Self.trimmingStrokes(pixels, width: grid.width, box: (minX, minY, maxX, maxY))
            let w = Double(maxX - minX + 1), h = Double(maxY - minY + 1)
            guard w >= 7 * mm, h >= 7 * mm, w <= 55 * mm, h <= 50 * mm, w / h <= 2.2, h / w <= 1.4 else { continue }
            let cx = Double(minX + maxX) / 2, cy = Double(minY + maxY) / 2
            let a = w / 2, b = h / 2
            let rays = 48
            var onRing = 0, inside = 0
            for k in 0..<rays {
                let t = Double(k) * 2 * .pi / Double(rays)
                let (c, s) = (cos(t), sin(t))
                let rho = 1 / ((c * c) / (a * a) + (s * s) / (b * b)).squareRoot()
                var ring = false, core = false
                var r = 0.0
                while r <= rho + 2 {
                    let x = Int((cx + r * c).rounded()), y = Int((cy + r * s).rounded())
                    if x >= 0, y >= 0, x < grid.width, y < grid.height, labels[y * grid.width + x] == next {
                        if r >= rho * 0.78 - 2 { ring = true } else if r <= rho * 0.55 { core = true }
                    }
                    r += 0.7
                }
                if ring { onRing += 1 }
                if core { inside += 1 }
            }
            if Double(onRing) >= 0.85 * Double(rays) && Double(inside) <= 0.2 * Double(rays) {
                found.append(Frame(box: PixelBox(x: minX, y: minY, width: Int(w), height: Int(h)), shape: .ellipse, sides: 4))
            }
        }
        return found
    }

    // MARK: - Circles crossing other ink

    /// Round rings that touch other ink — stamped over the ĐẾN stamp or across print on a gray
    /// scan — and so are no piece of their own: found by the votes their edges cast for their
    /// centre (`centreVotes`), each band of radii's best centres kept when ink runs round them
    /// at one radius with paper on both sides on many rays.
    func circles(in grid: InkGrid) -> [Frame] {
        // A stamped ring holds a word of 12–18 pt capitals: 10 mm across at least. Smaller
        // "rings" are found in any line of text.
        let rMin = Int(5 * pixelsPerMM), rMax = Int(25 * pixelsPerMM), band = 4
        guard grid.width > 2 * rMin, grid.height > 2 * rMin else { return [] }
        let votes = centreVotes(in: grid, radii: rMin...rMax, band: band)
        let cells = votes.columns * votes.rows
        var found: [Frame] = []
        for b in 0..<(votes.counts.count / cells) {
            let radii = (rMin + b * band)...(rMin + b * band + band - 1)
            let centres = Self.bestCentres(votes.counts[(b * cells)..<((b + 1) * cells)], columns: votes.columns, apart: rMin)
            for c in centres where !found.contains(where: { abs(Int($0.box.midX) - c.x) < rMin && abs(Int($0.box.midY) - c.y) < rMin }) {
                // The cell's pixels and their neighbours: the centre the ring runs round best.
                var best: (x: Int, y: Int, radius: Int, cover: Double)?
                for dy in -1...2 {
                    for dx in -1...2 {
                        let x = c.x + dx, y = c.y + dy
                        if let ring = ringRadius(grid, cx: x, cy: y, radii: max(rMin, radii.lowerBound - 2)...min(rMax, radii.upperBound + 2)),
                           ring.cover > (best?.cover ?? 0) {
                            best = (x, y, ring.radius, ring.cover)
                        }
                    }
                }
                if let ring = best {
                    found.append(Frame(box: PixelBox(x: ring.x - ring.radius, y: ring.y - ring.radius,
                                                     width: 2 * ring.radius + 1, height: 2 * ring.radius + 1),
                                       shape: .ellipse, sides: 4))
                }
            }
        }
        return found
    }

    /// Every edge pixel's votes for the centres of the rings it may belong to: along its
    /// gradient, at every other radius of `radii`, counted per band of `band` radii (lines of
    /// text vote at all radii, a ring at its own) on cells of 2 × 2 pixels. Band after band,
    /// row after row of `columns` cells.
    func centreVotes(in grid: InkGrid, radii: ClosedRange<Int>, band: Int) -> (counts: [Int32], columns: Int, rows: Int) {
        let w = grid.width, h = grid.height
        let columns = w / 2 + 1, rows = h / 2 + 1, bands = (radii.upperBound - radii.lowerBound) / band + 1
        var votes = [Int32](repeating: 0, count: bands * columns * rows)
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) where grid[x, y] && !(grid[x - 1, y] && grid[x + 1, y] && grid[x, y - 1] && grid[x, y + 1]) {
                @inline(__always) func v(_ dx: Int, _ dy: Int) -> Double { grid[x + dx, y + dy] ? 1 : 0 }
                // Sobel: towards more ink. An outer edge's gradient points to the centre, an
                // inner edge's away from it: both ways are voted for.
                let gx = v(1, -1) + 2 * v(1, 0) + v(1, 1) - v(-1, -1) - 2 * v(-1, 0) - v(-1, 1)
                let gy = v(-1, 1) + 2 * v(0, 1) + v(1, 1) - v(-1, -1) - 2 * v(0, -1) - v(1, -1)
                let norm = (gx * gx + gy * gy).squareRoot()
                guard norm >= 2 else { continue }
                let (ux, uy) = (gx / norm, gy / norm)
                let (px, py) = (Double(x) + 0.5, Double(y) + 0.5)
                // Every other radius: a ring's votes still fall within a pixel of its centre.
                for r in stride(from: radii.lowerBound, through: radii.upperBound, by: 2) {
                    let offset = (r - radii.lowerBound) / band * columns * rows
                    let (dx, dy) = (ux * Double(r), uy * Double(r))
                    // +0.5 and truncation: rounding, for the coordinates that are kept (≥ 0).
                    let (ax, ay, bx, by) = (px + dx, py + dy, px - dx, py - dy)
                    if ax >= 0, ay >= 0, ax < Double(w), ay < Double(h) { votes[offset + Int(ay) / 2 * columns + Int(ax) / 2] += 1 }
                    if bx >= 0, by >= 0, bx < Double(w), by < Double(h) { votes[offset + Int(by) / 2 * columns + Int(bx) / 2] += 1 }
                }
            }
        }
        return (votes, columns, rows)
    }

    /// The five best-voted cells of one band (pixel coordinates of cells 2 pixels wide),
    /// each a local maximum and at least `apart` pixels from a better one.
    static func bestCentres(_ votes: ArraySlice<Int32>, columns: Int, apart: Int) -> [(x: Int, y: Int)] {
        let base = votes.startIndex, rows = votes.count / columns
        var best: [(votes: Int32, cell: Int)] = []
        for row in 1..<max(1, rows - 1) {
            for column in 1..<(columns - 1) {
                let cell = row * columns + column
                let n = votes[base + cell]
                guard n >= 4, best.count < 40 || n > best[best.count - 1].votes else { continue }
                // A local maximum of its 3 × 3 cells (ties go to the first).
                var isPeak = true
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let m = votes[base + cell + dy * columns + dx]
                        if m > n || (m == n && dy * columns + dx < 0) { isPeak = false }
                    }
                }
                guard isPeak else { continue }
                let at = best.firstIndex { $0.votes < n } ?? best.count
                best.insert((n, cell), at: at)
                if best.count > 40 { best.removeLast() }
            }
        }
        var centres: [(x: Int, y: Int)] = []
        for (_, cell) in best where centres.count < 5 {
            let c = (x: cell % columns * 2, y: cell / columns * 2)
            if !centres.contains(where: { abs($0.x - c.x) < apart && abs($0.y - c.y) < apart }) { centres.append(c) }
        }
        return centres
    }

    /// The radius at which ink runs round (`cx`, `cy`) on nearly every ray (`cover`: the share
    /// of rays), with paper just inside and just outside it on many rays (other ink may cross
    /// it); nil if none.
    func ringRadius(_ grid: InkGrid, cx: Int, cy: Int, radii: ClosedRange<Int>) -> (radius: Int, cover: Double)? {
        let rays = 72
        let directions = (0..<rays).map { k in (cos(Double(k) * 2 * .pi / Double(rays)), sin(Double(k) * 2 * .pi / Double(rays))) }
        func ink(_ c: Double, _ s: Double, _ r: Double) -> Bool {
            grid[Int((Double(cx) + r * c + 0.5).rounded(.down)), Int((Double(cy) + r * s + 0.5).rounded(.down))]
        }
        func share(_ r: Int, _ test: (Double, Double) -> Bool) -> Double {
            Double(directions.filter { test($0.0, $0.1) }.count) / Double(rays)
        }
        var best: (radius: Int, cover: Double)?
        for r in radii {
            // Most radii miss at once: give up on one after a twentieth of the rays miss.
            var misses = 0
            for (c, s) in directions where !(-2...2).contains(where: { ink(c, s, Double(r + $0)) }) {
                misses += 1
                if misses > rays / 20 { break }
            }
            let cover = 1 - Double(misses) / Double(rays)
            guard cover >= 0.95, cover > (best?.cover ?? 0) else { continue }
            // Just inside the ring, up to 4 mm in (a large ring's word may fill its middle),
            // and just outside it.
            let inner = max(Double(r) * 0.62, Double(r) - 4 * pixelsPerMM)
            let clearInside = share(r) { c, s in !stride(from: inner, through: Double(r - 4), by: 1).contains { ink(c, s, $0) } }
            let clearOutside = share(r) { c, s in !(4...7).contains { ink(c, s, Double(r + $0)) } }
            if clearInside >= 0.4 && clearOutside >= 0.4 { best = (r, cover) }
        }
        return best
    }

    /// The box of `pixels` without end rows (columns) whose ink spans 3 pixels or less.
    static func trimmingStrokes(_ pixels: [Int], width: Int, box: (Int, Int, Int, Int)) -> (Int, Int, Int, Int) {
        var (minX, minY, maxX, maxY) = box
        var rowMin = [Int](repeating: .max, count: maxY - minY + 1), rowMax = [Int](repeating: .min, count: maxY - minY + 1)
        for p in pixels {
            let x = p % width, r = p / width - minY
            rowMin[r] = min(rowMin[r], x); rowMax[r] = max(rowMax[r], x)
        }
        func thinRow(_ r: Int) -> Bool { rowMax[r] - rowMin[r] <= 3 }
        while minY < maxY, thinRow(minY - box.1) { minY += 1 }
        while maxY > minY, thinRow(maxY - box.1) { maxY -= 1 }
        var colMin = [Int](repeating: .max, count: maxX - minX + 1), colMax = [Int](repeating: .min, count: maxX - minX + 1)
        for p in pixels {
            let y = p / width
            guard y >= minY, y <= maxY else { continue }
            let c = p % width - minX
            colMin[c] = min(colMin[c], y); colMax[c] = max(colMax[c], y)
        }
        func thinColumn(_ c: Int) -> Bool { colMax[c] == .min || colMax[c] - colMin[c] <= 3 }
        let left = minX
        while minX < maxX, thinColumn(minX - left) { minX += 1 }
        while maxX > minX, thinColumn(maxX - left) { maxX -= 1 }
        return (minX, minY, maxX, maxY)
    }

    /// Whether `box`, overlapping `other`, is a frame inside it: no wider, and at most
    /// `height` times as tall. Not a box's double line (about 0.8 of its height; so at most
    /// half as tall: two lines of text read as a frame hold one at 0.56) nor a box found on
    /// a ring (about its height).
    static func nested(_ box: PixelBox, in other: PixelBox, height: Double) -> Bool {
        box.width <= other.width && Double(box.height) <= height * Double(other.height)
    }

    /// Intersection over the smaller box's area.
    static func overlap(_ a: PixelBox, _ b: PixelBox) -> Double {
        Double(intersection(a, b)) / Double(max(1, min(a.width * a.height, b.width * b.height)))
    }

    /// The share of `box`'s area that `other` covers.
    static func share(of box: PixelBox, coveredBy other: PixelBox) -> Double {
        Double(intersection(box, other)) / Double(max(1, box.width * box.height))
    }

    private static func intersection(_ a: PixelBox, _ b: PixelBox) -> Int {
        let w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
        let h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
        return w > 0 && h > 0 ? w * h : 0
    }
}
