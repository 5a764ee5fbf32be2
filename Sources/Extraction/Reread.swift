import Foundation

/// A region worth a second OCR pass, cut out and enlarged: what the full-page pass got
/// wrong or did not find (the name under the seal, a number over a stamp).
public struct RegionRequest: Sendable, Hashable {
    public enum Purpose: String, Codable, Sendable {
        case signature, numberLine, dateLine
        /// The blanks of the date line for the day and the month, read for digits alone.
        case dayDigits, monthDigits
        /// The number alone where it stands apart from its symbol (written in by hand or
        /// stamped) or was read doubtfully, for digits alone.
        case numberDigits
        /// Under the number, where urgency and secrecy marks are stamped (often under the
        /// arrival stamp and handwriting), read as scattered text when the number is doubtful:
        /// the number, and any mark, read apart from the lines around them.
        case marks
        /// The inside of one stamped frame found in the marks zone (`region` is the frame):
        /// a frame whose word does not read as a known mark is a reason to hold.
        case markFrame
        /// The agency header, read with the coloured stamps taken out: the ĐẾN stamp is often
        /// stamped over it.
        case header
        /// The summary's block, read on black print alone when the page pass mixed stamp
        /// words into it; it replaces the page's words there.
        case summary
    }

    public enum Segmentation: Sendable {
        case block, singleLine, sparse
    }

    /// Which ink to read: black print alone where a coloured stamp covers printed text.
    public enum Ink: Sendable {
        case asScanned, blackOnly
    }

    public var purpose: Purpose
    public var page: Int
    public var box: Box
    public var segmentation: Segmentation
    public var ink: Ink = .asScanned
    /// How much to enlarge the region before reading it: small type reads better at about
    /// 300 dpi, large regions of ordinary type cost more than they gain.
    public var scale: Double = 1.5
    /// The region holds digits alone: read for digits only, with a model that knows
    /// handwritten and stamped ones.
    public var digitsOnly = false
}

/// The words a second pass found in a requested region, in page coordinates.
public struct Reread: Codable, Sendable {
    public var purpose: RegionRequest.Purpose
    public var page: Int
    public var words: [LayoutWord]
    /// The region that was read, when it matters to the reader (a mark's frame).
    public var region: Box?

    public init(purpose: RegionRequest.Purpose, page: Int, words: [LayoutWord], region: Box? = nil) {
        self.purpose = purpose
        self.page = page
        self.words = words
        self.region = region
    }
}

extension FieldExtractor {
    /// Regions to read again: the signature block when the signer is missing or doubtful and
    /// the header when the agency is (both on black print alone), the number line and the
    /// marks zone when the number did not parse cleanly, the date line when the date did not.
    public func rereadRequests(for fields: ExtractedFields, pages: [LayoutPage]) -> [RegionRequest] {
        guard let first = pages.first else { return [] }
        var requests: [RegionRequest] = []
        let w = first.width, h = first.height
        // The signature block, unless the page pass read the signer and the title cleanly: it
        // often loses them under the seal and the handwriting. It starts level with
        // "Nơi nhận:" on the last page that has it.
        let texts = pages.map(PageText.init)
        let signer = [fields[FieldName.nguoiKy], fields[FieldName.chucVu]]
        let signerDoubtful = signer.contains { $0?.value == nil || ($0?.confidence ?? 0) < 0.9 }
        // Large regions of ordinary type are read at the scan's own resolution from 200 dpi.
        let largeRegionScale = first.dpi >= 200 ? 1.0 : 1.5
        if signerDoubtful, let region = Self.signatureRegion(texts) {
            // Black print alone: the red seal and the signature's coloured strokes go.
            requests.append(RegionRequest(purpose: .signature, page: region.page, box: region.box, segmentation: .block,
                                          ink: .blackOnly, scale: largeRegionScale))
        }
        let number = fields[FieldName.soKyHieu]
        // The header, when its reading is doubtful: left column, from the top margin to the number.
        let agency = fields[FieldName.coQuanBanHanh]
        // Read again below 0.97: the page pass reads many a name a little off that high.
        if agency?.value == nil || (agency?.confidence ?? 0) < 0.97 {
            let top = h / 50
            let bottom = number?.box.map { $0.y } ?? h / 5
            if bottom - top > h / 30 {
                requests.append(RegionRequest(purpose: .header, page: first.number,
                                              box: Box(x: w / 60, y: top, width: w * 52 / 100 - w / 60, height: bottom - top),
                                              segmentation: .block, ink: .blackOnly, scale: largeRegionScale))
            }
        }
        // The summary, when doubtful: its block and a line more, on black print alone.
        if let summary = fields[FieldName.trichYeu], summary.confidence < 0.9, let box = summary.box {
            let x = max(0, box.x - w / 30)
            requests.append(RegionRequest(purpose: .summary, page: first.number,
                                          box: Box(x: x, y: max(0, box.y - h / 200), width: min(w - x, box.width + w / 15),
                                                   height: box.height + h / 30),
                                          segmentation: .block, ink: .blackOnly, scale: largeRegionScale))
        } else if fields[FieldName.trichYeu]?.value == nil, let zone = Self.summaryZone(fields, width: w, height: h) {
            // Not read at all (the ĐẾN stamp or noise over it): where the format puts it.
            requests.append(RegionRequest(purpose: .summary, page: first.number, box: zone,
                                          segmentation: .block, ink: .blackOnly, scale: largeRegionScale))
        }
        let date = fields[FieldName.ngayVanBan]
        let numberDoubtful = number?.value == nil || (number?.confidence ?? 0) < 0.85
        // The number alone, where it was written in or stamped apart from its symbol (printed
        // there later, it reads wrong with the print around it) or read doubtfully.
        if let region = NumberReader.numberRegion(in: texts[0], row: number?.box, glued: numberDoubtful) {
            requests.append(RegionRequest(purpose: .numberDigits, page: first.number, box: region, segmentation: .singleLine,
                                          scale: largeRegionScale, digitsOnly: true))
        }
        if numberDoubtful {
            // The zone under the number as scattered text: a number written or stamped apart
            // from its label. Marks are found by their frames (`MarkBoxDetector`) on every page.
            let marksTop = number?.box.map { max(0, $0.y - $0.height) } ?? h / 10
            requests.append(RegionRequest(purpose: .marks, page: first.number,
                                          box: Box(x: w / 40, y: marksTop, width: w * 11 / 20, height: h / 4),
                                          segmentation: .sparse, scale: largeRegionScale))
            // Where the number was read; or, not read at all, the left column on the date's row.
            let line = number?.box.map { Box(x: max(0, $0.x - w / 30), y: max(0, $0.y - $0.height / 2), width: min(w / 2, $0.width + w / 15), height: $0.height * 2) }
                ?? date?.box.map { Box(x: w / 40, y: max(0, $0.y - $0.height), width: w / 2, height: $0.height * 3) }
            let box = line ?? Box(x: w / 40, y: h / 12, width: w / 2, height: h / 5)
            let segmentation: RegionRequest.Segmentation = number?.box == nil ? .block : .singleLine
            requests.append(RegionRequest(purpose: .numberLine, page: first.number, box: box, segmentation: segmentation))
            // Once more on black print alone, for a typed number under the ĐẾN stamp (a number
            // written or stamped in colour reads only in the first).
            if line != nil {
                requests.append(RegionRequest(purpose: .numberLine, page: first.number, box: box, segmentation: segmentation,
                                              ink: .blackOnly))
            }
        }
        if date?.value == nil || (date?.confidence ?? 0) < 0.85 {
            let row = number?.box ?? date?.box
            let box = row.map { Box(x: w * 2 / 5, y: max(0, $0.y - $0.height), width: w * 3 / 5 - w / 40, height: $0.height * 3) }
                ?? Box(x: w * 2 / 5, y: h / 12, width: w * 3 / 5 - w / 40, height: h / 5)
            requests.append(RegionRequest(purpose: .dateLine, page: first.number, box: box, segmentation: .block))
            // The day and the month alone, digits only: a day written in by hand reads as
            // strokes on the line.
            if let blanks = DateReader.blanks(in: texts[0]) {
                for (purpose, blank) in [(RegionRequest.Purpose.dayDigits, blanks.day), (.monthDigits, blanks.month)] {
                    guard let blank else { continue }
                    requests.append(RegionRequest(purpose: purpose, page: first.number, box: blank, segmentation: .singleLine,
                                                  scale: 2, digitsOnly: true))
                }
            }
        }
        return requests
    }

    /// Where the summary stands: under a type's heading, centred; under the number in the
    /// left column for a Công văn (`V/v …`) or when no heading was read. The number shares
    /// its row with the date.
    static func summaryZone(_ fields: ExtractedFields, width w: Int, height h: Int) -> Box? {
        let type = fields[FieldName.loaiVanBan]
        if let heading = type?.box, type?.value != DocumentType.congVan.name, abs(heading.midX - Double(w) / 2) < Double(w) / 5 {
            return Box(x: w / 10, y: heading.maxY, width: w * 8 / 10, height: h / 10)
        }
        guard let row = fields[FieldName.soKyHieu]?.box ?? fields[FieldName.ngayVanBan]?.box else { return nil }
        return Box(x: w / 40, y: row.maxY, width: w / 2 - w / 40, height: h / 8)
    }

    static func signatureRegion(_ texts: [PageText]) -> (page: Int, box: Box)? {
        guard let last = texts.last else { return nil }
        let withNoiNhan = texts.last { page in page.lines.contains(where: RecipientsReader.isNoiNhan) }
        let page = withNoiNhan ?? last
        let w = page.page.width, h = page.page.height
        let top: Int
        if let noiNhan = page.lines.last(where: RecipientsReader.isNoiNhan) {
            top = max(0, noiNhan.box.y - h / 30)
        } else {
            // No Nơi nhận: the block sits under the last body line, in the lower half.
            top = h / 2
        }
        let x = w * 9 / 20
        return (page.page.number, Box(x: x, y: top, width: w - x - w / 60, height: min(h - top, h * 2 / 5)))
    }
}

/// Everything field extraction reads for one document: the upright pages' words, the
/// coloured-ink words and the second-pass regions. Extraction is a pure function of it, so a
/// misread can be replayed and studied without the scan (`intake extract --layout-out`).
public struct ExtractionInput: Codable, Sendable {
    public var pages: [LayoutPage]
    public var inkWords: [Int: [LayoutWord]]
    public var rereads: [Reread]
    public var arrival: DateComponents?

    public init(pages: [LayoutPage], inkWords: [Int: [LayoutWord]] = [:], rereads: [Reread] = [], arrival: DateComponents? = nil) {
        self.pages = pages
        self.inkWords = inkWords
        self.rereads = rereads
        self.arrival = arrival
    }
}

extension FieldExtractor {
    public func extract(_ input: ExtractionInput) -> ExtractedFields {
        extract(pages: input.pages, inkWords: input.inkWords, rereads: input.rereads, arrival: input.arrival)
    }
}
