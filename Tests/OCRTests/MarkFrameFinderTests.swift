@testable import OCR
import Foundation
import Testing

/// The frame finder on synthetic rasters at 100 dpi (3.94 px/mm): stamped rectangles and
/// ellipses of a mark's size are found, tilted, broken or crossed; text-like ink, the large
/// ĐẾN stamp and lone rules are not.
struct MarkFrameFinderTests {
    let mm = 100 / 25.4
    var finder: MarkFrameFinder { MarkFrameFinder(pixelsPerMM: mm) }

    /// A rectangle `w × h` mm with its top-left at (`x`, `y`) mm, turned by `degrees`.
    func rectangle(_ grid: inout InkGrid, x: Double, y: Double, w: Double, h: Double, degrees: Double = 0, thickness: Int = 2) {
        let t = degrees * .pi / 180
        let cx = (x + w / 2) * mm, cy = (y + h / 2) * mm
        func p(_ dx: Double, _ dy: Double) -> (Double, Double) {
            (cx + dx * mm * cos(t) - dy * mm * sin(t), cy + dx * mm * sin(t) + dy * mm * cos(t))
        }
        let corners = [p(-w / 2, -h / 2), p(w / 2, -h / 2), p(w / 2, h / 2), p(-w / 2, h / 2)]
        for i in 0..<4 { grid.line(from: corners[i], to: corners[(i + 1) % 4], thickness: thickness) }
    }

    /// Rough capitals: a row of 3 mm letters made of stems and bars.
    func capitals(_ grid: inout InkGrid, x: Double, y: Double, count: Int) {
        for i in 0..<count {
            let left = (x + Double(i) * 3.2) * mm
            grid.line(from: (left, y * mm), to: (left, (y + 3.2) * mm))
            grid.line(from: (left + 2 * mm, y * mm), to: (left + 2 * mm, (y + 3.2) * mm))
            grid.line(from: (left, (y + 1.6) * mm), to: (left + 2 * mm, (y + 1.6) * mm))
        }
    }

    func blank() -> InkGrid { InkGrid(width: Int(120 * mm), height: Int(100 * mm)) }

    @Test func findsAnUprightBoxAroundAWord() {
        var g = blank()
        rectangle(&g, x: 30, y: 40, w: 22, h: 9)
        capitals(&g, x: 34, y: 43, count: 3)
        let frames = finder.frames(in: g)
        #expect(frames.count == 1)
        let f = try! #require(frames.first)
        #expect(f.shape == .rectangle && f.sides == 4)
        #expect(abs(Double(f.box.x) - 30 * mm) < 2 * mm && abs(Double(f.box.width) - 22 * mm) < 3 * mm)
    }

    // The zone is levelled first: what is left is how far a stamp was turned by hand.
    @Test(arguments: [-4.0, -2.0, 1.5, 4.0])
    func findsATiltedBox(degrees: Double) {
        var g = blank()
        rectangle(&g, x: 20, y: 30, w: 40, h: 10, degrees: degrees)
        #expect(finder.frames(in: g).count == 1)
    }

    @Test func findsABoxWithABrokenSideAndStrokesAcrossIt() {
        var g = blank()
        rectangle(&g, x: 25, y: 35, w: 30, h: 10)
        // Ink dropouts on the top side, and handwriting across the box and beyond it.
        for x in stride(from: Int(28 * mm), to: Int(50 * mm), by: 9) { for dx in 0..<2 { for y in 0..<Int(40 * mm) { g[x + dx, y] = y >= Int(35 * mm) - 1 && y <= Int(35 * mm) + 2 ? false : g[x + dx, y] } } }
        g.line(from: (15 * mm, 44 * mm), to: (70 * mm, 37 * mm), thickness: 2)
        g.line(from: (40 * mm, 30 * mm), to: (43 * mm, 52 * mm), thickness: 2)
        #expect(finder.frames(in: g).count == 1)
    }

    /// A mark stamped under a line of print and crossed by handwriting (the fixture
    /// `mat-under-stamp.jpg`): letters run on from both its top corners, which would make it
    /// look like a piece of a larger frame but for its solid top and bottom lines.
    @Test func findsABoxUnderALineOfPrint() {
        var g = blank()
        rectangle(&g, x: 30, y: 40, w: 15, h: 8)
        capitals(&g, x: 33, y: 42.5, count: 3)
        // The print line above over both corners; a stroke joins it to the left side.
        capitals(&g, x: 20, y: 35, count: 10)
        g.line(from: (30 * mm, 35 * mm), to: (30 * mm, 40 * mm))
        let frames = finder.frames(in: g)
        #expect(frames.count == 1)
        let f = try! #require(frames.first)
        #expect(abs(Double(f.box.y) - 40 * mm) < 1.5 * mm && abs(Double(f.box.height) - 8 * mm) < 2 * mm, "\(f.box)")
    }

    /// Handwritten digits: loops 3 mm tall, each with a slanted stroke, 2.4 mm apart.
    func digits(_ grid: inout InkGrid, x: Double, y: Double, count: Int) {
        for i in 0..<count {
            let left = x + Double(i) * 2.4
            ring(&grid, cx: left + 1, cy: y + 1.5, rx: 0.9, ry: 1.5)
            grid.line(from: ((left + 0.3) * mm, (y + 3) * mm), to: ((left + 2) * mm, y * mm), thickness: 1)
        }
    }

    /// A MẬT box stamped inside the ĐẾN stamp (`secret-normal` doc0041): the stamp's agency
    /// line runs on from its top corners, and the number and the date written in the stamp
    /// cross its top and its right side, filling the padding inside that side.
    @Test func findsABoxInsideTheArrivalStampCrossedByHandwriting() {
        var g = blank()
        rectangle(&g, x: 10, y: 10, w: 52, h: 31)
        capitals(&g, x: 13, y: 12.5, count: 15)
        for y in [22.0, 27.0, 32.0] { for x in stride(from: 28.0, to: 60, by: 1) { g[Int(x * mm), Int(y * mm)] = true } }
        rectangle(&g, x: 27, y: 18, w: 15, h: 9)
        capitals(&g, x: 30, y: 21, count: 3)
        digits(&g, x: 34, y: 18.6, count: 3)
        digits(&g, x: 37, y: 23.5, count: 6)
        let frames = finder.frames(in: g)
        #expect(frames.count == 1, "\(frames)")
        let f = try! #require(frames.first)
        #expect(abs(Double(f.box.x) - 27 * mm) < 1.5 * mm && abs(Double(f.box.width) - 15 * mm) < 2 * mm, "\(f.box)")
        #expect(abs(Double(f.box.y) - 18 * mm) < 1.5 * mm && abs(Double(f.box.height) - 9 * mm) < 2 * mm, "\(f.box)")
    }

    /// A mark's box inside a larger frame (a smaller ĐẾN stamp, or a piece of one closed by
    /// its dotted lines) is a frame of its own, not the larger one's double line.
    @Test func findsABoxInsideALargerFrame() {
        var g = blank()
        rectangle(&g, x: 10, y: 10, w: 45, h: 20)
        rectangle(&g, x: 20, y: 15, w: 15, h: 8.5)
        capitals(&g, x: 23, y: 17.5, count: 3)
        let frames = finder.frames(in: g)
        #expect(frames.count == 2, "\(frames)")
        #expect(frames.contains { abs(Double($0.box.x) - 20 * mm) < 1.5 * mm && abs(Double($0.box.height) - 8.5 * mm) < 2 * mm }, "\(frames)")
    }

    /// A ring stamped inside a larger frame is kept too: only a box found on the ring
    /// itself, about its size, stands for it.
    @Test func findsARingInsideALargerFrame() {
        var g = blank()
        rectangle(&g, x: 10, y: 10, w: 45, h: 20)
        ring(&g, cx: 30, cy: 20, rx: 7, ry: 6)
        capitals(&g, x: 26, y: 18.4, count: 3)
        #expect(finder.frames(in: g).filter { $0.shape == .ellipse }.count == 1, "\(finder.frames(in: g))")
    }

    @Test func findsACircledMark() {
        var g = blank()
        ring(&g, cx: 50, cy: 50, rx: 9.2, ry: 8)
        capitals(&g, x: 45.5, y: 48.4, count: 3)
        let frames = finder.frames(in: g)
        #expect(frames.count == 1)
        #expect(frames.first?.shape == .ellipse)
    }

    /// A scanner's streak through a circled mark (`secret-hard` doc0076): the streak runs on
    /// above and below the ring, broken into dashes, and must not count in its size.
    @Test func findsACircledMarkCrossedByAStreak() {
        var g = blank()
        ring(&g, cx: 50, cy: 50, rx: 6.5, ry: 6.5)
        capitals(&g, x: 45.5, y: 48.4, count: 3)
        for y in stride(from: 30.0, to: 75.0, by: 2.5) { g.line(from: (51 * mm, y * mm), to: (51 * mm, (y + 2) * mm), thickness: 1) }
        let frames = finder.frames(in: g).filter { $0.shape == .ellipse }
        #expect(frames.count == 1)
        #expect(abs(Double(frames.first?.box.height ?? 0) - 13 * mm) < 2 * mm, "\(frames)")
    }

    /// An ellipse `rx × ry` mm (half-axes) around (`cx`, `cy`) mm, 2 px thick, without the
    /// arcs in `gaps` (radians; dropouts).
    func ring(_ grid: inout InkGrid, cx: Double, cy: Double, rx: Double, ry: Double, gaps: [ClosedRange<Double>] = []) {
        for k in 0..<1440 {
            let t = Double(k) * .pi / 720
            guard !gaps.contains(where: { $0.contains(t) }) else { continue }
            let x = Int(cx * mm + rx * mm * cos(t)), y = Int(cy * mm + ry * mm * sin(t))
            for d in 0..<2 { grid[x + d, y] = true; grid[x, y + d] = true }
        }
    }

    /// A phone photo's ring (`secret-hard` doc0051): two dropouts of about 1 mm cut its
    /// lower arc away from the rest, an arch too short to be a ring on its own.
    @Test func findsARingBrokenByDropouts() {
        var g = blank()
        ring(&g, cx: 50, cy: 50, rx: 13, ry: 11, gaps: [0.95...1.05, 2.05...2.15])
        capitals(&g, x: 42, y: 48.4, count: 5)
        let frames = finder.frames(in: g).filter { $0.shape == .ellipse }
        #expect(frames.count == 1)
        #expect(abs(Double(frames.first?.box.height ?? 0) - 22 * mm) < 2 * mm, "\(frames)")
    }

    /// A large TUYỆT MẬT ring of 43 mm (`secret-normal` doc0037).
    @Test func findsALargeRing() {
        var g = blank()
        ring(&g, cx: 50, cy: 50, rx: 21.5, ry: 21.5)
        capitals(&g, x: 36, y: 48.4, count: 9)
        #expect(finder.frames(in: g).filter { $0.shape == .ellipse }.count == 1)
    }

    /// A ring stamped over the ĐẾN stamp's corner and across a line of print on a gray scan
    /// (`secret-hard` doc0042, doc0105): one piece with them, found by its round shape.
    @Test func findsARingJoinedToTheArrivalStampAndPrint() {
        var g = blank()
        rectangle(&g, x: 10, y: 10, w: 52, h: 31)
        g.line(from: (25 * mm, 25 * mm), to: (58 * mm, 25 * mm), thickness: 1)
        ring(&g, cx: 62, cy: 45, rx: 10, ry: 10)
        capitals(&g, x: 55, y: 43.4, count: 4)
        capitals(&g, x: 70, y: 50, count: 8)
        let rings = finder.frames(in: g).filter { $0.shape == .ellipse }
        #expect(rings.count == 1)
        #expect(abs(Double(rings.first?.box.width ?? 0) - 20 * mm) < 2 * mm, "\(rings)")
    }

    /// A large ring stamped half over a box (the ĐẾN stamp's lower part read as a frame,
    /// `secret-hard` doc0105): the box is mostly inside the ring, the ring mostly outside the
    /// box. Both are frames.
    @Test func aRingOverlappingABoxIsKept() {
        var g = blank()
        rectangle(&g, x: 8, y: 44, w: 50, h: 12)
        capitals(&g, x: 12, y: 48.4, count: 6)
        ring(&g, cx: 50, cy: 52, rx: 19.5, ry: 19.5)
        capitals(&g, x: 38, y: 50.4, count: 8)
        let frames = finder.frames(in: g)
        #expect(frames.contains { $0.shape == .rectangle }, "\(frames)")
        #expect(frames.contains { $0.shape == .ellipse && abs(Double($0.box.width) - 39 * mm) < 3 * mm }, "\(frames)")
    }

    /// A solid blot of a ring's size (a punch hole, an ink blot) is no frame.
    @Test func ignoresASolidBlot() {
        var g = blank()
        for y in Int(40 * mm)..<Int(52 * mm) {
            for x in Int(40 * mm)..<Int(52 * mm) where pow(Double(x) - 46 * mm, 2) + pow(Double(y) - 46 * mm, 2) <= pow(6 * mm, 2) {
                g[x, y] = true
            }
        }
        #expect(finder.frames(in: g).isEmpty)
    }

    @Test func ignoresTextRulesAndTheArrivalStamp() {
        var g = blank()
        // Lines of capitals with a rule under them (agency name, its short rule).
        capitals(&g, x: 10, y: 10, count: 12)
        capitals(&g, x: 10, y: 16, count: 12)
        g.line(from: (20 * mm, 21 * mm), to: (40 * mm, 21 * mm))
        // The ĐẾN stamp: 52 × 31 mm, far taller than a mark.
        rectangle(&g, x: 40, y: 40, w: 52, h: 31)
        g.line(from: (55 * mm, 55 * mm), to: (88 * mm, 55 * mm), thickness: 1)
        g.line(from: (55 * mm, 61 * mm), to: (88 * mm, 61 * mm), thickness: 1)
        #expect(finder.frames(in: g).isEmpty)
    }

    @Test func aDoubleFrameIsOneFrame() {
        var g = blank()
        rectangle(&g, x: 20, y: 30, w: 36, h: 11)
        rectangle(&g, x: 21, y: 31, w: 34, h: 9, thickness: 1)
        #expect(finder.frames(in: g).count == 1)
    }
}
